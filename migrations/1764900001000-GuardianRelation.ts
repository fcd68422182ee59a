import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * guardian_relation becomes a closed set (father, mother, legal_representative, other_guardian):
 * under 14 only a legal guardian's consent counts. Records written as free text are mapped; what
 * cannot be read as a parent or a legal representative becomes other_guardian, so it no longer
 * counts for a child under 14 (the safe reading). Records stay append-only: the trigger is lifted
 * for this one mapping only.
 */
export class GuardianRelation1764900001000 implements MigrationInterface {
  name = 'GuardianRelation1764900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consent_records DISABLE TRIGGER consent_records_no_change;
      UPDATE consent_records SET guardian_relation = CASE
        WHEN lower(regexp_replace(guardian_relation, '\\s', '', 'g')) IN ('father', '부', '아버지', '부친') THEN 'father'
        WHEN lower(regexp_replace(guardian_relation, '\\s', '', 'g')) IN ('mother', '모', '어머니', '모친') THEN 'mother'
        WHEN lower(regexp_replace(guardian_relation, '\\s', '', 'g')) IN ('legal_representative', '법정대리인', '후견인', '미성년후견인') THEN 'legal_representative'
        ELSE 'other_guardian' END
      WHERE guardian_relation NOT IN ('father', 'mother', 'legal_representative', 'other_guardian');
      ALTER TABLE consent_records ENABLE TRIGGER consent_records_no_change;
      ALTER TABLE consent_records ADD CONSTRAINT consent_records_guardian_relation_check
        CHECK (guardian_relation IN ('father', 'mother', 'legal_representative', 'other_guardian'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_records DROP CONSTRAINT consent_records_guardian_relation_check`);
  }
}
