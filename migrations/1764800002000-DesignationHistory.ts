import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Designations and applications are the record of what the office decided (조례 제5조): a row is
 * never deleted, what identifies it never changes, and a decision is never taken back except by
 * the transitions the process has (an application withdrawn or decided; a designation ended or
 * revoked). A correction is a new row, as with consent records and the audit log.
 */
export class DesignationHistory1764800002000 implements MigrationInterface {
  name = 'DesignationHistory1764800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION designation_applications_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'designation_applications is history: rows are never deleted'; END IF;
        IF (NEW.id, NEW.call_id, NEW.school_id, NEW.created_by, NEW.created_at) IS DISTINCT FROM (OLD.id, OLD.call_id, OLD.school_id, OLD.created_by, OLD.created_at) THEN
          RAISE EXCEPTION 'designation_applications is history: which school applied to which call never changes';
        END IF;
        IF OLD.status IN ('withdrawn', 'designated', 'rejected') THEN
          RAISE EXCEPTION 'designation_applications is history: a % application is final', OLD.status;
        END IF;
        IF NEW.status <> OLD.status AND NOT (
          (OLD.status = 'draft' AND NEW.status IN ('submitted', 'withdrawn')) OR
          (OLD.status = 'submitted' AND NEW.status IN ('withdrawn', 'designated', 'rejected'))) THEN
          RAISE EXCEPTION 'designation_applications is history: % cannot become %', OLD.status, NEW.status;
        END IF;
        IF OLD.status <> 'draft' AND NEW.plan_summary IS DISTINCT FROM OLD.plan_summary THEN
          RAISE EXCEPTION 'designation_applications is history: a submitted plan is not rewritten';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER designation_applications_history BEFORE UPDATE OR DELETE ON designation_applications
        FOR EACH ROW EXECUTE FUNCTION designation_applications_history();

      CREATE FUNCTION designations_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'designations is history: rows are never deleted'; END IF;
        IF (NEW.id, NEW.school_id, NEW.type_code, NEW.call_id, NEW.application_id, NEW.office_code, NEW.term_start, NEW.term_end, NEW.renewed_from, NEW.created_at)
           IS DISTINCT FROM (OLD.id, OLD.school_id, OLD.type_code, OLD.call_id, OLD.application_id, OLD.office_code, OLD.term_start, OLD.term_end, OLD.renewed_from, OLD.created_at) THEN
          RAISE EXCEPTION 'designations is history: a designation''s school, type and term never change (a renewal is a new designation)';
        END IF;
        IF OLD.status <> 'active' THEN RAISE EXCEPTION 'designations is history: an % designation is final', OLD.status; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER designations_history BEFORE UPDATE OR DELETE ON designations
        FOR EACH ROW EXECUTE FUNCTION designations_history();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER designations_history ON designations; DROP FUNCTION designations_history();
      DROP TRIGGER designation_applications_history ON designation_applications; DROP FUNCTION designation_applications_history();
    `);
  }
}
