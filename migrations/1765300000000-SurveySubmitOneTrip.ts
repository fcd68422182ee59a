import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../libs/core/src/database/db-roles';

/**
 * A survey submission in one round trip (issue 16): `survey_submit` does in one call what
 * RespondService.submit did in seven statements (BEGIN, lock the code, look up the idempotency
 * key, insert the response, mark the code used, delete the draft, COMMIT), in the same order and
 * with the same answers. It runs as the caller (the app role, which has these rows anyway); only
 * the app role may execute it.
 *
 * Answers are validated in Node against the campaign's frozen template version before the call,
 * but which campaign a code belongs to is only known here: the caller sends its answers cleaned for
 * every version it holds (`{ "<version id>": cleaned answers, or null where they are invalid }`).
 * A version the caller does not hold comes back with its definition and nothing is written; the
 * caller validates and calls again.
 *
 * Outcomes, checked in this order: not_found; repeated (this idempotency key already answered for
 * the code: the first response); used; closed (`at` outside the campaign's window); unknown_version;
 * invalid; submitted. A PL/pgSQL function takes a new snapshot for every statement, so a submission
 * that waited for the code's lock sees the response the other one committed, as the separate
 * statements did. Nothing about the code reaches the response, and `used` still has no time.
 */
export class SurveySubmitOneTrip1765300000000 implements MigrationInterface {
  name = 'SurveySubmitOneTrip1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION survey_submit(p_code_hash text, p_key text, p_answers jsonb, p_at timestamptz)
        RETURNS TABLE (outcome text, response_id text, submitted_day text, version_id int, window_opens timestamptz, window_closes timestamptz, version_definition jsonb)
        LANGUAGE plpgsql SET search_path = public AS $$
      DECLARE
        k record;
        cleaned jsonb;
      BEGIN
        SELECT s.campaign_id, s.school_id, s.used, c.template_version_id, c.opens_at, c.closes_at INTO k
        FROM survey_codes s JOIN survey_campaigns c ON c.id = s.campaign_id
        WHERE s.code_hash = p_code_hash
        FOR UPDATE OF s;
        IF NOT FOUND THEN
          outcome := 'not_found'; RETURN NEXT; RETURN;
        END IF;
        SELECT r.id::text, to_char(r.submitted_on, 'YYYY-MM-DD') INTO response_id, submitted_day
        FROM survey_responses r WHERE r.campaign_id = k.campaign_id AND r.idempotency_key = p_key;
        IF FOUND THEN
          outcome := 'repeated'; RETURN NEXT; RETURN;
        END IF;
        IF k.used THEN
          outcome := 'used'; RETURN NEXT; RETURN;
        END IF;
        IF p_at < k.opens_at OR p_at > k.closes_at THEN
          outcome := 'closed'; window_opens := k.opens_at; window_closes := k.closes_at; RETURN NEXT; RETURN;
        END IF;
        version_id := k.template_version_id;
        IF NOT (p_answers ? version_id::text) THEN
          outcome := 'unknown_version';
          SELECT v.definition INTO version_definition FROM survey_template_versions v WHERE v.id = k.template_version_id;
          RETURN NEXT; RETURN;
        END IF;
        cleaned := p_answers -> version_id::text;
        IF jsonb_typeof(cleaned) IS DISTINCT FROM 'object' THEN
          outcome := 'invalid'; RETURN NEXT; RETURN;
        END IF;
        INSERT INTO survey_responses AS r (campaign_id, school_id, answers, idempotency_key)
        VALUES (k.campaign_id, k.school_id, cleaned, p_key)
        RETURNING r.id::text, to_char(r.submitted_on, 'YYYY-MM-DD') INTO response_id, submitted_day;
        UPDATE survey_codes s SET used = true WHERE s.code_hash = p_code_hash;
        DELETE FROM survey_drafts d WHERE d.code_hash = p_code_hash;
        outcome := 'submitted'; RETURN NEXT;
      END $$;
      REVOKE ALL ON FUNCTION survey_submit(text, text, jsonb, timestamptz) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION survey_submit(text, text, jsonb, timestamptz) TO ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION survey_submit(text, text, jsonb, timestamptz)`);
  }
}
