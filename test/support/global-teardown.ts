import { Client } from 'pg';
import { TEST_PG_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.AIEDU_TEST_TEMPLATE;
  if (!template) return;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
