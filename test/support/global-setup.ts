import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../libs/core/src/database/migrate';
import { dbUrl, TEST_PG_URL } from './test-env';

/**
 * Migrates one template database per run; every suite then clones it, which takes milliseconds.
 * The template's name is per run, so two runs on one machine do not step on each other.
 */
export default async function globalSetup(): Promise<void> {
  const template = `aiedu_test_template_${randomBytes(4).toString('hex')}`;
  process.env.AIEDU_TEST_TEMPLATE = template;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    // Databases an interrupted earlier run left behind: only those nobody is connected to.
    const stale = await admin.query(
      `SELECT datname FROM pg_database d WHERE (datname LIKE 'aiedu\\_t\\_%' OR datname LIKE 'aiedu\\_test\\_template%')
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(dbUrl(template));
}
