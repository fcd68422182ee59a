import { Client } from 'pg';
import { runMigrations } from '../../libs/core/src/database/migrate';
import { dbUrl, TEMPLATE_DB, TEST_PG_URL } from './test-env';

/** Migrates one template database; every suite then clones it, which takes milliseconds. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    // Databases left by an interrupted earlier run.
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'aiedu_t\\_%' OR datname = $1`, [TEMPLATE_DB]);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await runMigrations(dbUrl(TEMPLATE_DB));
}
