/**
 * What the benchmarks share: settings from the environment, the run (`withBenchRun`: the throwaway
 * database `<BENCH_DB_PREFIX><id>` and Redis prefix `bench_<id>`, and their removal, also on Ctrl-C
 * and after an interrupted earlier run), the real api started on them, the console table, the results
 * file and the runner.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UsersService } from '@app/accounts';
import { AppConfig, projectRoot, quoteIdent, runMigrations, type AuthUser } from '@app/core';
import { createApi } from '../apps/api/src/create-api';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The api's HTTP port; 0 (the default) takes a free one. */
export const API_PORT = envInt('BENCH_API_PORT', 0, 0);
/** What every run's database name starts with; the id that follows is `<base-36 creation time>_<10 hex digits>`. */
export const DB_PREFIX = dbPrefix(process.env.BENCH_DB_PREFIX ?? 'aiedu_bench_');
/** A database of this harness left by an interrupted run is dropped once it is this old (and nobody is connected to it). */
export const STALE_HOURS = envInt('BENCH_STALE_HOURS', 6, 1);
/** Set on every database the harness creates (`COMMENT ON DATABASE`); cleanup drops nothing without it. */
const DB_COMMENT = 'aiedu bench harness run (bench/bench-db.ts)';

function dbPrefix(prefix: string): string {
  // A plain lower-case identifier, so names need no quoting to be recognised and LIKE has no wildcards but `_`.
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(prefix)) throw new Error(`BENCH_DB_PREFIX must be lower-case letters, digits and _, starting with a letter, at most 40 characters (got ${JSON.stringify(prefix)})`);
  return prefix;
}

export function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  return n;
}

/** A run's id: its creation time (base 36, ms) and 10 random hex digits; dropStale reads the time back. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}_${randomBytes(5).toString('hex')}`;
}

const RUN_ID = /^([0-9a-z]{6,12})_[0-9a-f]{10}$/;

/** The database and Redis prefix of one run: `<DB_PREFIX><id>` and `bench_<id>` (so dropStale can pair them). */
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
      // Keys start with the hash-tagged prefix (AppConfig.redisKeyPrefix): `{bench_<id>}:`.
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * The creation time of a database this harness made, from its name (`<DB_PREFIX><time>_<hex>`);
 * null for any other name, e.g. one of the older `aiedu_bench_<hex>` form or another program's.
 */
export function runCreatedAt(datname: string): number | null {
  if (!datname.startsWith(DB_PREFIX)) return null;
  const m = RUN_ID.exec(datname.slice(DB_PREFIX.length));
  if (!m) return null;
  const at = parseInt(m[1], 36);
  return Number.isSafeInteger(at) ? at : null;
}

/**
 * Databases (and their Redis keys) left by an interrupted earlier run of this harness: named
 * `<DB_PREFIX><time>_<hex>` with a time more than STALE_HOURS ago, carrying the harness's comment,
 * and with nobody connected (so a benchmark running elsewhere on this server is left alone). A
 * database without all three is never touched; one that somebody connects to meanwhile makes the
 * plain DROP (no FORCE) fail, and is kept.
 */
export async function dropStale(): Promise<void> {
  const candidates = await withAdmin((c) =>
    c.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
       WHERE starts_with(datname, $1) AND shobj_description(d.oid, 'pg_database') = $2
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [DB_PREFIX, DB_COMMENT],
    ),
  );
  const cutoff = Date.now() - STALE_HOURS * 3600_000;
  for (const { datname } of candidates.rows) {
    const createdAt = runCreatedAt(datname);
    if (createdAt === null || createdAt > cutoff) continue;
    try {
      await withAdmin((c) => c.query(`DROP DATABASE ${quoteIdent(datname)}`));
    } catch {
      continue;
    }
    await deleteRedisKeys(`bench_${datname.slice(DB_PREFIX.length)}`).catch(() => undefined);
    console.log(`dropped stale database ${datname} (created ${new Date(createdAt).toISOString()})`);
  }
}

/**
 * Creates the run's database and migrates it (the migrations seed the schools). Nest's logger is
 * silenced first, for the migrations too (the seed warns about one duplicate school name), as the
 * api is. `created` runs once the database exists, so cleanup knows there is one to drop.
 * Returns the migrations applied.
 */
export async function createBenchDatabase(databaseUrl: string, created: () => void): Promise<string[]> {
  Logger.overrideLogger(false);
  const dbName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  // A plain CREATE: it fails if the name is taken, so the run never adopts (and later drops) a database it did not make.
  await withAdmin((c) => c.query(`CREATE DATABASE ${quoteIdent(dbName)}`));
  created();
  await withAdmin((c) => c.query(`COMMENT ON DATABASE ${quoteIdent(dbName)} IS '${DB_COMMENT}'`));
  return runMigrations(databaseUrl);
}

export interface BenchApi {
  app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>`, the api listening on BENCH_API_PORT (default a free local port). */
  baseUrl: string;
  /** A city admin (sees every school) created for the run, with the password to log in with. */
  admin: { user: AuthUser; email: string; password: string };
}

/**
 * The real api as production builds it (`createApi`), on the run's migrated database and its own
 * queue prefix, with no worker (jobs it enqueues wait in Redis until cleanup), silent logs and a
 * pool of `poolSize` connections; listening on 127.0.0.1 and with a city admin. Closes the app
 * itself if a step after its creation fails.
 */
export async function startBenchApi(databaseUrl: string, queuePrefix: string, poolSize: number): Promise<BenchApi> {
  const config = AppConfig.load({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    BADGE_KEY_SECRET: randomBytes(24).toString('hex'),
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: String(poolSize),
  });
  const app = await createApi(config);
  try {
    await app.listen({ port: API_PORT, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    // The database is the run's own, so a fixed address cannot collide.
    const email = 'bench-admin@bench.local';
    const password = 'bench-password-1';
    const { user } = await app.get(UsersService).createSystem({ email, password, role: 'city_admin', displayName: 'benchmark' });
    return { app, baseUrl: `http://127.0.0.1:${port}`, admin: { user, email, password } };
  } catch (e) {
    await app.close().catch(() => undefined);
    throw e;
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

export interface BenchRun {
  dbName: string;
  queuePrefix: string;
  databaseUrl: string;
  /** The migrations applied to the run's database. */
  migrations: string[];
  /** `performance.now()` before the database was created. */
  startedAt: number;
  /** Something to close at the end, before the database is dropped; the last registered closes first. */
  closeAtEnd(what: string, close: () => unknown): void;
}

/**
 * A benchmark's run from start to end: drops what interrupted runs left, creates and migrates
 * `<DB_PREFIX><id>`, calls `fn`, then (also on Ctrl-C) closes what `fn` registered, drops the
 * database `WITH (FORCE)` and deletes the `{bench_<id>}:*` Redis keys.
 */
export async function withBenchRun<T>(fn: (run: BenchRun) => Promise<T>): Promise<T> {
  const { dbName, queuePrefix, databaseUrl } = benchNames(newRunId());
  const closers: { what: string; close: () => unknown }[] = [];
  let dbCreated = false;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const { what, close } of closers.reverse()) {
        await Promise.resolve().then(close).catch((e: unknown) => console.error(`closing ${what}:`, e));
      }
      if (dbCreated) await dropDatabase(dbName).catch((e: unknown) => console.error(`dropping ${dbName}:`, e));
      await deleteRedisKeys(queuePrefix).catch((e: unknown) => console.error(`deleting Redis keys ${queuePrefix}:*:`, e));
    })());
  // Nest's shutdown hooks close the api and re-raise the signal; cleanupOnSignal stays for the re-raise.
  cleanupOnSignal(cleanup);
  try {
    await dropStale();
    const startedAt = performance.now();
    const migrations = await createBenchDatabase(databaseUrl, () => (dbCreated = true));
    return await fn({ dbName, queuePrefix, databaseUrl, migrations, startedAt, closeAtEnd: (what, close) => closers.push({ what, close }) });
  } finally {
    await cleanup();
  }
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

/** Writes bench/results/<name>.json (ignored by git) with the machine it ran on, and says where. */
export function writeResults(name: string, data: Record<string, unknown>): void {
  const out = join(projectRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `${name}.json`);
  const machine = { node: process.version, cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? null, platform: `${process.platform}-${process.arch}`, loadAverageAtEnd: loadAvg() };
  writeFileSync(file, JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine, ...data }, null, 2) + '\n');
  console.log(`results written to ${file}`);
}

/** Runs a benchmark's main and exits with its code; a verification failure prints its message only. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error && !e.message.startsWith('VERIFY FAILED') ? (e.stack ?? e.message) : e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
