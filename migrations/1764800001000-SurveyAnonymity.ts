import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { AppConfig } from '../libs/core/src/config/app-config';
import { KeyedHash } from '../libs/core/src/crypto/keyed-hash';
import { Sealer } from '../libs/core/src/crypto/sealed';

/**
 * Survey answers that cannot be traced back to their code:
 * - codes are stored as HMAC-SHA-256 under a key from BADGE_KEY_SECRET instead of a plain SHA-256,
 *   which a copy of the table could reverse offline (a code has ~49.5 bits). Codes of printed
 *   batches are re-keyed from the batch's sealed copy; codes outside any batch (none since
 *   batches exist) cannot be re-keyed and are removed;
 * - responses get random ids instead of a sequence that orders them like the codes handed out.
 */
export class SurveyAnonymity1764800001000 implements MigrationInterface {
  name = 'SurveyAnonymity1764800001000';

  async up(q: QueryRunner): Promise<void> {
    const secret = AppConfig.load().badgeKeySecret;
    const sheets = new Sealer(secret, 'survey-code-sheets');
    const keyed = new KeyedHash(secret, 'survey-code');
    await q.query(`
      ALTER TABLE survey_drafts DROP CONSTRAINT survey_drafts_code_hash_fkey,
        ADD CONSTRAINT survey_drafts_code_hash_fkey FOREIGN KEY (code_hash) REFERENCES survey_codes(code_hash) ON DELETE CASCADE ON UPDATE CASCADE;
      DELETE FROM survey_codes WHERE batch_id IS NULL;
    `);
    const batches: { id: number; sealed_codes: string }[] = await q.query(`SELECT id, sealed_codes FROM survey_code_batches`);
    for (const b of batches) {
      const codes: string[] = JSON.parse(sheets.open(b.sealed_codes));
      const normal = codes.map((c) => c.replace(/[\s-]/g, '').toUpperCase());
      await q.query(
        `UPDATE survey_codes k SET code_hash = x.new FROM unnest($1::text[], $2::text[]) AS x(old, new) WHERE k.code_hash = x.old AND k.batch_id = $3`,
        [normal.map((c) => createHash('sha256').update(c).digest('hex')), normal.map((c) => keyed.digest(c).toString('hex')), b.id],
      );
    }
    await q.query(`
      ALTER TABLE survey_school_submissions DROP CONSTRAINT survey_school_submissions_response_id_fkey;
      ALTER TABLE survey_responses ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid();
      ALTER TABLE survey_school_submissions ADD COLUMN response_uid uuid;
      UPDATE survey_school_submissions m SET response_uid = r.uid FROM survey_responses r WHERE r.id = m.response_id;
      ALTER TABLE survey_school_submissions DROP COLUMN response_id;
      ALTER TABLE survey_school_submissions RENAME COLUMN response_uid TO response_id;
      ALTER TABLE survey_school_submissions ALTER COLUMN response_id SET NOT NULL;
      ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_pkey;
      ALTER TABLE survey_responses DROP COLUMN id;
      ALTER TABLE survey_responses RENAME COLUMN uid TO id;
      ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_pkey PRIMARY KEY (id);
      ALTER TABLE survey_school_submissions ADD CONSTRAINT survey_school_submissions_response_id_key UNIQUE (response_id),
        ADD CONSTRAINT survey_school_submissions_response_id_fkey FOREIGN KEY (response_id) REFERENCES survey_responses(id);
    `);
  }

  async down(): Promise<void> {
    throw new Error('SurveyAnonymity cannot be undone: the plain code hashes and the sequence of responses are gone on purpose');
  }
}
