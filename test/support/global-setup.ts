import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../libs/core/src/database/migrate';
import { dbUrl, TEST_PG_URL } from './test-env';

/**
 * Migrates one template database per run; every suite then clones it, which takes milliseconds.
 * The template's name is per run, so two runs on one machine do not step on each other.
 */
export default async function globalSetup(): Promise<void> {
  // The creation time is in the name, so a run can tell a template left behind long ago from
  // the template of another run on the same machine that is just between its suites.
  const template = `aiedu_test_template_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env.AIEDU_TEST_TEMPLATE = template;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    // Databases an interrupted earlier run left behind: only those nobody is connected to.
    const stale = await admin.query(
      `SELECT datname FROM pg_database d WHERE (datname LIKE 'aiedu\\_t\\_%' OR datname LIKE 'aiedu\\_test\\_template%')
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const { datname } of stale.rows) {
      if (!isAbandoned(datname)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    }
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(dbUrl(template));
}

/** A template or a suite's copy counts as abandoned 3 hours after it was made (the time is in its name). */
function isAbandoned(datname: string): boolean {
  const m = /^aiedu_(?:test_template|t)_([0-9a-z]+)_/.exec(datname);
  if (!m) return true;
  return Date.now() - parseInt(m[1], 36) > 3 * 3600_000;
}
