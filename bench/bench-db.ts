/**
 * What the benchmarks share: settings from the environment, the throwaway database
 * `aiedu_bench_<id>` and Redis prefix `bench_<id>` they run against, their removal (also on Ctrl-C
 * and after an interrupted earlier run), and the console table.
 */
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { quoteIdent } from '@app/core';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DB_PREFIX = 'aiedu_bench_';

export function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  return n;
}

/** The database and Redis prefix of one run: `aiedu_bench_<id>` and `bench_<id>` (so dropStale can pair them). */
export function benchNames(id: string): { dbName: string; queuePrefix: string; databaseUrl: string } {
  const dbName = `${DB_PREFIX}${id}`;
  return { dbName, queuePrefix: `bench_${id}`, databaseUrl: dbUrl(dbName) };
}

export function dbUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(dbName: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`));
}

export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Databases (and their Redis keys) left by an interrupted earlier run. Only those nobody is
 * connected to, so a benchmark running concurrently elsewhere on this server is left alone.
 */
export async function dropStale(): Promise<void> {
  const stale = await withAdmin((c) =>
    c.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
       WHERE datname LIKE 'aiedu\\_bench\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    ),
  );
  for (const { datname } of stale.rows) {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`)).catch(() => undefined);
    await deleteRedisKeys(`bench_${datname.slice(DB_PREFIX.length)}`).catch(() => undefined);
    console.log(`dropped stale database ${datname}`);
  }
}

/**
 * Runs `cleanup` on SIGINT/SIGTERM, then exits 130. Nest's shutdown hooks (`enableShutdownHooks`)
 * close the app and re-raise the signal; this listener keeps the process alive for that re-raise
 * so the database and keys are still removed. A third signal forces exit.
 */
export function cleanupOnSignal(cleanup: () => Promise<void>): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals >= 3) process.exit(130);
    if (signals === 1) {
      console.error(`\n${signal}: cleaning up…`);
      void cleanup().finally(() => process.exit(130));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');

export function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const num = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** First column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
