/** Where the test suites find PostgreSQL and Redis; CI and developers use the machine's defaults. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set by global-setup for the run. */
export const templateDb = (): string => process.env.AIEDU_TEST_TEMPLATE ?? 'aiedu_test_template';

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
