import { MIGRATIONS } from '@app/migrations';
import { migrationDb } from './support/migration-db';

/** Slips answered before they kept their record get it: the guardian's own web answer, or the decision recorded from paper. */
describe('migration GuardianLinkAnswer', () => {
  const { create, drop, migrate, withDb } = migrationDb('miglink');

  beforeAll(create);
  afterAll(drop);

  it('links each answered slip to the record that answered it, and leaves open slips open', async () => {
    await migrate(MIGRATIONS.findIndex((m) => m.name === 'GuardianLinkAnswer1765000000000'));
    const ids = await withDb(async (db) => {
      const [{ id: school }] = await db.query(`SELECT id FROM schools ORDER BY id LIMIT 1`);
      const student = async (code: string) => (await db.query(`INSERT INTO students (school_id, student_code, grade, class_no) VALUES ($1, $2, 8, 1) RETURNING id`, [school, code]))[0].id;
      const [web, paper, open] = [await student('W1'), await student('P1'), await student('O1')];
      const [{ id: service }] = await db.query(`INSERT INTO ai_services (name, provider, min_age, consent_under_age, allowed_levels) VALUES ('ChatGPT', 'OpenAI', 13, 18, '{middle}') RETURNING id`);
      const [{ id: notice }] = await db.query(
        `INSERT INTO consent_notices (service_id, school_year, version, purpose, data_items, retention, refusal_right, ethics_guidance) VALUES ($1, 2026, 1, 'p', '{a}', 'r', 'x', 'e') RETURNING id`,
        [service],
      );
      const [{ id: letter }] = await db.query(`INSERT INTO consent_letters (notice_id, school_id, grade, class_no) VALUES ($1, $2, 8, 1) RETURNING id`, [notice, school]);
      const record = async (studentId: number, decision: string, method: string, at: string) =>
        (await db.query(
          `INSERT INTO consent_records (student_id, service_id, notice_id, decision, guardian_relation, method, method_note, decided_at, recorded_at)
           VALUES ($1, $2, $3, $4, 'mother', $5, $6, $7, $7) RETURNING id::int`,
          [studentId, service, notice, decision, method, method === 'web_link' ? `가정통신문 ${letter}, 보호자 1` : null, at],
        ))[0].id;
      const slip = (studentId: number, token: string, answeredAt: string | null) =>
        db.query(`INSERT INTO consent_slips (letter_id, student_id, guardian_no, token_hash, sealed_token, expires_at, answered_at) VALUES ($1, $2, 1, $3, 'sealed', now() + interval '14 days', $4)`, [letter, studentId, token, answeredAt]);
      // The web answer; a paper refusal, then a later withdrawal that does not answer a slip; nothing for the third.
      const webRecord = await record(web, 'granted', 'web_link', '2026-05-01T01:00:00Z');
      await slip(web, 'w', '2026-05-01T01:00:00Z');
      const paperRecord = await record(paper, 'refused', 'paper_slip', '2026-05-02T01:00:00Z');
      await slip(paper, 'p', '2026-05-02T01:00:00Z');
      await record(paper, 'withdrawn', 'other', '2026-05-03T01:00:00Z');
      await slip(open, 'o', null);
      return { webRecord, paperRecord };
    });

    await migrate();
    const rows = await withDb((db) => db.query(`SELECT token_hash AS token, record_id::int AS record FROM consent_slips ORDER BY token_hash`));
    expect(rows).toEqual([
      { token: 'o', record: null },
      { token: 'p', record: ids.paperRecord },
      { token: 'w', record: ids.webRecord },
    ]);
  });
});
