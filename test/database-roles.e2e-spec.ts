import { APP_ROLE, APPEND_ONLY_TABLES, OWNER_ROLE } from '@app/core';
import { startTestApp, TestApp } from './support/test-app';

/** The app connects as a role that reads and writes rows and nothing else; history stays history. */
describe('database roles', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
  });
  afterAll(() => app.close());

  it('runs the app as the app role, not as the owner or a superuser', async () => {
    const [me] = await app.db.query(`SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super`);
    expect(me).toEqual({ current_user: APP_ROLE, super: false });
    const owners = await app.db.query(`SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r', 'S')`);
    expect(owners).toEqual([{ owner: OWNER_ROLE }]);
  });

  const TRIGGER: Record<(typeof APPEND_ONLY_TABLES)[number], [column: string, trigger: string]> = {
    audit_log: ['action', 'audit_log_no_update'],
    consent_records: ['decision', 'consent_records_no_change'],
    access_log: ['action', 'access_log_no_change'],
    destruction_register: ['method', 'destruction_register_no_change'],
  };

  it.each(APPEND_ONLY_TABLES)('lets the app role only read and append %s', async (table) => {
    const [column, trigger] = TRIGGER[table];
    for (const sql of [`UPDATE ${table} SET ${column} = ${column}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`, `ALTER TABLE ${table} DISABLE TRIGGER ALL`, `DROP TRIGGER ${trigger} ON ${table}`]) {
      await expect(app.db.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    }
  });

  it('removes access-log rows only through the destruction function, which keeps where the chain now starts', async () => {
    await app.db.query(`INSERT INTO access_log (action, subject_type, subject_count, route) VALUES ('read', 'student', 1, '/a'), ('read', 'student', 1, '/b'), ('read', 'student', 1, '/c')`);
    const rows = await app.db.query(`SELECT id, hash, prev_hash FROM access_log ORDER BY id`);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    await expect(app.db.query(`DELETE FROM access_log WHERE id = $1`, [rows[0].id])).rejects.toThrow(/permission denied/);
    // Setting the flag by hand gives no right the role lacks.
    await expect(app.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL privacy.destruction = 'on'`);
      await tx.query(`DELETE FROM access_log WHERE id = $1`, [rows[0].id]);
    })).rejects.toThrow(/permission denied/);
    const [done] = await app.db.query(`SELECT * FROM privacy_destroy_access_log($1)`, [rows[1].id]);
    expect(done).toEqual({ destroyed: 2, anchor: rows[1].hash });
    expect(await app.db.query(`SELECT id FROM access_log ORDER BY id`)).toEqual([{ id: rows[2].id }]);
  });

  it('gives the app role no TRUNCATE, ALTER, DROP or trigger rights anywhere', async () => {
    for (const sql of ['TRUNCATE schools CASCADE', 'ALTER TABLE users ADD COLUMN x int', 'DROP TABLE notices', 'CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()', 'ALTER TABLE users DISABLE TRIGGER ALL']) {
      await expect(app.db.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    }
  });

  it('keeps designations and applications as history: never deleted, decisions never rewritten', async () => {
    const [{ id: school }] = await app.db.query(`SELECT id FROM schools ORDER BY id LIMIT 1`);
    const [{ id: call }] = await app.db.query(
      `INSERT INTO designation_calls (type_code, title, school_year, eligible_levels, opens_at, closes_at, quota, term_start, term_end)
       SELECT code, '시험 공모', 2027, ARRAY['elementary'], now() - interval '1 day', now() + interval '1 day', 5, '2027-03-01', '2029-02-28' FROM designation_types LIMIT 1 RETURNING id`,
    );
    const [{ id: application }] = await app.db.query(`INSERT INTO designation_applications (call_id, school_id) VALUES ($1, $2) RETURNING id`, [call, school]);
    await app.db.query(`UPDATE designation_applications SET status = 'submitted' WHERE id = $1`, [application]);
    await expect(app.db.query(`DELETE FROM designation_applications WHERE id = $1`, [application])).rejects.toThrow(/permission denied/);
    await expect(app.ownerQuery(`DELETE FROM designation_applications WHERE id = $1`, [application])).rejects.toThrow(/never deleted/);
    await expect(app.db.query(`UPDATE designation_applications SET school_id = school_id + 1 WHERE id = $1`, [application])).rejects.toThrow(/never changes/);
    await expect(app.db.query(`UPDATE designation_applications SET status = 'draft' WHERE id = $1`, [application])).rejects.toThrow(/cannot become/);
    await expect(app.db.query(`UPDATE designation_applications SET plan_summary = 'rewritten' WHERE id = $1`, [application])).rejects.toThrow(/not rewritten/);
    await app.db.query(`UPDATE designation_applications SET status = 'rejected', decided_at = now() WHERE id = $1`, [application]);
    await expect(app.db.query(`UPDATE designation_applications SET status = 'designated' WHERE id = $1`, [application])).rejects.toThrow(/final/);
  });
});
