import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { migrationDb } from './support/migration-db';

/** Relations written as free text before the closed set are read as parents, legal representatives or other carers. */
describe('migration GuardianRelation', () => {
  const { url, create, drop, migrate } = migrationDb('migrel');

  beforeAll(create);
  afterAll(drop);

  it('maps the old free text and then accepts only the four relations', async () => {
    await migrate(MIGRATIONS.findIndex((m) => m.name === 'GuardianRelation1764900001000'));
    const written = ['모', ' 아버지 ', '후견인', '이웃', '할머니', 'mother'];
    const raw = new DataSource(dataSourceOptions(url, 2));
    await raw.initialize();
    try {
      const [{ id: school }] = await raw.query(`SELECT id FROM schools ORDER BY id LIMIT 1`);
      const [{ id: student }] = await raw.query(`INSERT INTO students (school_id, student_code, grade, class_no) VALUES ($1, 'S1', 8, 1) RETURNING id`, [school]);
      const [{ id: service }] = await raw.query(
        `INSERT INTO ai_services (name, provider, min_age, consent_under_age, allowed_levels) VALUES ('ChatGPT', 'OpenAI', 13, 18, '{middle}') RETURNING id`,
      );
      const [{ id: notice }] = await raw.query(
        `INSERT INTO consent_notices (service_id, school_year, version, purpose, data_items, retention, refusal_right, ethics_guidance)
         VALUES ($1, 2026, 1, 'p', '{a}', 'r', 'x', 'e') RETURNING id`,
        [service],
      );
      for (const [i, relation] of written.entries()) {
        await raw.query(
          `INSERT INTO consent_records (student_id, service_id, notice_id, decision, guardian_relation, method, decided_at)
           VALUES ($1, $2, $3, 'granted', $4, 'paper_slip', now() + make_interval(secs => $5))`,
          [student, service, notice, relation, i],
        );
      }
    } finally {
      await raw.destroy();
    }

    await migrate();
    const after = new DataSource(dataSourceOptions(url, 2));
    await after.initialize();
    try {
      const rows: { guardian_relation: string }[] = await after.query(`SELECT guardian_relation FROM consent_records ORDER BY decided_at`);
      expect(rows.map((r) => r.guardian_relation)).toEqual(['mother', 'father', 'legal_representative', 'other_guardian', 'other_guardian', 'mother']);
      await expect(after.query(
        `INSERT INTO consent_records (student_id, service_id, notice_id, decision, guardian_relation, method, decided_at)
         SELECT student_id, service_id, notice_id, 'granted', '이웃', 'paper_slip', now() FROM consent_records LIMIT 1`,
      )).rejects.toThrow(/consent_records_guardian_relation_check/);
      // Still append-only after the one mapping.
      await expect(after.query(`UPDATE consent_records SET guardian_relation = 'mother'`)).rejects.toThrow(/append-only/);
    } finally {
      await after.destroy();
    }
  });
});
