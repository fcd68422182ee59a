import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dbUrl, templateDb, TEST_PG_URL } from './test-env';

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh migrated database for one suite, cloned from the template. Its sessions run in UTC,
 * whatever the server's default: days are Seoul days, and nothing may lean on the session's
 * TimeZone to get them right.
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  // The time in the name: another run's setup may clear databases left behind, but only old ones (global-setup.ts).
  const name = `aiedu_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
    await c.query(`ALTER DATABASE ${name} SET TimeZone = 'UTC'`);
  });
  return {
    name,
    url: dbUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
