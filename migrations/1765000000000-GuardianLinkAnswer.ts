import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A guardian link keeps the consent record that answered it (the guardian's on the web, or a decision
 * recorded from paper), so a guardian reopening a used link sees what was answered and when. A link
 * answered before gets the student's latest grant or refusal recorded in the same transaction (the
 * record's recorded_at is the slip's answered_at: both are the transaction's now()) or before.
 */
export class GuardianLinkAnswer1765000000000 implements MigrationInterface {
  name = 'GuardianLinkAnswer1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consent_slips ADD COLUMN record_id bigint REFERENCES consent_records(id);
      UPDATE consent_slips k SET record_id = (
        SELECT r.id FROM consent_records r JOIN consent_letters l ON l.id = k.letter_id JOIN consent_notices n ON n.id = l.notice_id
        WHERE r.student_id = k.student_id AND r.service_id = n.service_id AND r.decision <> 'withdrawn' AND r.recorded_at <= k.answered_at
        ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1)
      WHERE k.answered_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_slips DROP COLUMN record_id`);
  }
}
