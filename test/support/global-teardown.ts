import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_PG_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.AIEDU_TEST_TEMPLATE;
  if (!template) return;
  reportOpenApiValidation(template);
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** How many responses this run's e2e suites checked against the OpenAPI document (support/openapi-validator.ts). */
function reportOpenApiValidation(run: string): void {
  const dir = join(__dirname, '../../var/openapi-validated');
  if (!existsSync(dir)) return;
  let responses = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    try {
      const counted = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { run: string; responses: number };
      if (counted.run === run) responses += counted.responses;
    } catch {}
  }
  if (responses) console.log(`\nopenapi: ${responses} responses validated against the served document`);
}
