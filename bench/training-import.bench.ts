/**
 * Training completions at scale, each product path side by side with the raw operation under it:
 *
 *   import   `POST /api/v1/training/completions/import` of a 100,000-row CSV over HTTP (upload,
 *            parse, validate, COPY into a staging table, merge into participants and completions,
 *            enqueue the badge job) against two floors: the honest one, `COPY` of the same rows
 *            into the real `training_participants` and `training_completions` with all their
 *            constraints, indexes and foreign keys (one transaction), and a plain `COPY … FROM
 *            STDIN (FORMAT csv)` of the file's bytes into a table with no keys;
 *   issuance `BadgeIssuer.issueForBatch` (select, build, eddsa-rdfc-2022 Data Integrity proof,
 *            VC-JWT, insert) against signing the same credentials with `signCredential` +
 *            `signJwt`, same key and document loader, no database.
 *
 *   npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && node dist/bench/training-import.bench.js
 *
 * Environment (all optional):
 *   BENCH_ROWS           completions imported per run (default 100000)
 *   BENCH_ROUNDS         rounds of (plain COPY, honest COPY, product import) (default 2)
 *   BENCH_ISSUE          badges issued per issuance run (default 2000; 100000 for the full run, ~10+ min per side)
 *   BENCH_ISSUE_ROUNDS   rounds of (product issuance, raw signing) (default 2)
 *   BENCH_PG_URL         admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_REDIS_URL      default redis://127.0.0.1:6379
 */
import 'reflect-metadata';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { copyRows, readTable } from '@app/core';
import { BadgeIssuer, BadgeKeys, CoursesService } from '@app/training';
import { signCredential, signJwt, verifyCredential } from '@app/training/badges';
import { parseCompletionRows } from '@app/training/completions/completion-rows';
import { envInt, loadAvg, median, num, runBench, startBenchApi, table, withBenchRun, writeResults } from './bench-db';

const ROWS = envInt('BENCH_ROWS', 100_000, 1);
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1);
const ISSUE = envInt('BENCH_ISSUE', 2_000, 1);
const ISSUE_ROUNDS = envInt('BENCH_ISSUE_ROUNDS', 2, 1);
/** Issuance is reported against this many badges too: the issue's "100,000 completions". */
const FULL = 100_000;
const COURSES = 20;
const COURSES_PER_PERSON = 5;
const SCHOOL_YEAR = 2025;
const POOL_SIZE = 10;

const HEADER = ['participant_id', 'name', 'email', 'kind', 'neis_school_code', 'course_code', 'session_code', 'completed_on', 'hours'];
const RAW_TABLE = 'training_completions_raw';
/** The CSV's columns, typed as the product stores them; no keys, no constraints, no indexes. */
const RAW_DDL = `CREATE TABLE ${RAW_TABLE} (
  participant_id text, name text, email text, kind text, neis_school_code text,
  course_code text, session_code text, completed_on date, hours numeric(5,1))`;

interface Course {
  code: string;
  hours: string;
}

type Row = (string | null)[];

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민준', '서연', '도윤', '지우', '하준', '서윤', '시우', '하은', '주원', '지민', '예준', '수아'];
/** 2025-04-01 … 2026-02-28: school year 2025, all in the past. */
const FIRST_DAY = Date.UTC(2025, 3, 1);
const DAYS = (Date.UTC(2026, 1, 28) - FIRST_DAY) / 86_400_000 + 1;

/**
 * `count` completions of teachers (교원) with no school code and no session: person `i` takes
 * courses i, i+4, i+8, i+12, i+16 (mod 20), so every (person, course) is distinct.
 */
function completionRows(count: number, prefix: string, courses: Course[]): Row[] {
  const rows: Row[] = [];
  for (let n = 0; n < count; n++) {
    const p = Math.floor(n / COURSES_PER_PERSON);
    const k = n % COURSES_PER_PERSON;
    const course = courses[(p + k * (COURSES / COURSES_PER_PERSON)) % COURSES];
    const id = `${prefix}${String(p + 1).padStart(6, '0')}`;
    const day = new Date(FIRST_DAY + ((p * 7 + k * 53) % DAYS) * 86_400_000).toISOString().slice(0, 10);
    const name = SURNAMES[p % SURNAMES.length] + GIVEN[Math.floor(p / SURNAMES.length) % GIVEN.length];
    rows.push([id, name, `${id.toLowerCase()}@bench.sen.go.kr`, '교원', null, course.code, null, day, course.hours]);
  }
  return rows;
}

/** The same rows as an uploaded file: UTF-8 CSV, empty cells for nulls. */
function toCsv(rows: Row[]): Buffer {
  return Buffer.from([HEADER.join(','), ...rows.map((r) => r.map((v) => v ?? '').join(','))].join('\n') + '\n', 'utf8');
}

const seconds = (ms: number) => ms / 1000;
const since = (t0: number) => performance.now() - t0;

interface ImportRun {
  round: number;
  /** raw: COPY of the file's bytes into a plain table; honest: COPY into the real tables; product: the HTTP import. */
  target: 'raw' | 'honest' | 'product';
  rows: number;
  ms: number;
  rowsPerSec: number;
}

interface IssueRun {
  round: number;
  target: 'raw' | 'product';
  credentials: number;
  ms: number;
  perSec: number;
  /** raw only: time in signCredential (Data Integrity) and signJwt. */
  dataIntegrityMs?: number;
  jwtMs?: number;
}

async function main(): Promise<number> {
  return withBenchRun(async ({ dbName, databaseUrl, queuePrefix, migrations, startedAt: started, closeAtEnd }) => {
    // The real api (its HTTP listener goes unused: the services are called directly) with its own
    // queue prefix and no worker, so the badge job each import enqueues just waits in Redis until cleanup.
    const bench = await startBenchApi(databaseUrl, queuePrefix, POOL_SIZE);
    const app = bench.app;
    closeAtEnd('app', () => app.close());
    const ds = app.get<DataSource>(getDataSourceToken());
    const issuer = app.get(BadgeIssuer);
    const keys = app.get(BadgeKeys);
    const actor = bench.admin.user;

    const courses: Course[] = [];
    for (let i = 0; i < COURSES; i++) {
      const basic = i < COURSES / 2;
      const no = String((i % (COURSES / 2)) + 1).padStart(2, '0');
      const hours = i % 3 === 0 ? 7.5 : 15;
      const title = `${basic ? 'AI 교육 기초' : '생성형 AI 수업 활용'} ${no}`;
      const created: { code: string } = await app.get(CoursesService).create(
        {
          code: `BENCH-${basic ? 'B' : 'A'}-${no}`,
          schoolYear: SCHOOL_YEAR,
          title,
          titleEn: `${basic ? 'AI Education Basics' : 'Generative AI in Class'} ${no}`,
          level: basic ? 'basic' : 'applied',
          deliveryMode: (['remote', 'in_person', 'blended', 'on_site'] as const)[i % 4],
          audience: ['teacher'],
          creditHours: hours,
          description: `${title} 연수`,
          criteria: `${title} 과정의 출석 및 과제 기준을 충족함`,
          badgeValidMonths: i % 2 ? 36 : undefined,
        },
        actor,
      );
      courses.push({ code: created.code, hours: String(hours) });
    }

    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    closeAtEnd('baseline pool', () => pool.end());
    const db = await pool.connect();
    closeAtEnd('baseline connection', () => db.release());
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    // Dirty pages of the previous run are written out before each measured run, not during it.
    const checkpoint = () => db.query('CHECKPOINT');
    /** The file's bytes as they are, `COPY … (FORMAT csv, HEADER)` into a table with no keys. */
    const rawCopy = async (csv: Buffer, rows: number): Promise<number> => {
      await db.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
      await db.query(RAW_DDL);
      await checkpoint();
      const t0 = performance.now();
      await pipeline(Readable.from([csv]), db.query(copyFrom(`COPY ${RAW_TABLE} (${HEADER.join(', ')}) FROM STDIN (FORMAT csv, HEADER true)`)));
      const ms = since(t0);
      const n = await count(`SELECT count(*) AS n FROM ${RAW_TABLE}`);
      if (n !== rows) throw new Error(`raw COPY: ${n} rows in ${RAW_TABLE}, expected ${rows}`);
      return ms;
    };
    const freshProductTables = () =>
      // Not RESTART IDENTITY: batch ids stay unique, so no badge job is deduplicated against an earlier one.
      db.query(`TRUNCATE training_completions, training_participants, training_import_batches CASCADE`);
    /**
     * The honest floor: the same people and completions COPYed, already resolved to ids, into the real
     * `training_participants` and `training_completions` (every constraint, index and foreign-key
     * trigger), in one transaction, after a batch row made outside the timing. Nothing parsed,
     * validated, staged, deduplicated or matched to accounts.
     */
    const honestCopy = async (rows: Row[], withoutTriggers = false): Promise<{ ms: number; participantsMs: number }> => {
      await freshProductTables();
      const courseIds = new Map((await db.query<{ id: number; code: string }>(`SELECT id, code FROM training_courses`)).rows.map((c) => [c.code, c.id]));
      const [{ id: batchId }] = (await db.query<{ id: number }>(
        `INSERT INTO training_import_batches (filename, duplicate_policy, rows_received, inserted, replaced, skipped, participants_created, imported_by)
         VALUES ('honest.csv', 'skip', $1, $1, 0, 0, 0, $2) RETURNING id`, [rows.length, actor.id])).rows;
      // Participant ids taken from the identity sequence as a block, so the product's later ids never collide.
      const people = new Map<string, Row>();
      for (const r of rows) people.set(r[0]!, r);
      const [{ last }] = (await db.query<{ last: string }>(
        `SELECT setval(pg_get_serial_sequence('training_participants', 'id'), nextval(pg_get_serial_sequence('training_participants', 'id')) + $1 - 1) AS last`, [people.size])).rows;
      let next = Number(last) - people.size + 1;
      const ids = new Map<string, number>();
      const participants: unknown[][] = [];
      for (const [externalId, r] of people) {
        ids.set(externalId, next);
        participants.push([next++, externalId, r[1], r[2], 'teacher', null]);
      }
      const completions = rows.map((r) => [ids.get(r[0]!), courseIds.get(r[5]!), null, r[7], r[8], batchId]);
      await checkpoint();
      const t0 = performance.now();
      await db.query('BEGIN');
      // Only to show what the foreign-key triggers cost (the bench connects as a superuser; the app cannot do this).
      if (withoutTriggers) await db.query(`SET LOCAL session_replication_role = replica`);
      await copyRows(db, 'training_participants', ['id', 'external_id', 'name', 'email', 'kind', 'school_id'], participants);
      const participantsMs = since(t0);
      await copyRows(db, 'training_completions', ['participant_id', 'course_id', 'session_id', 'completed_on', 'hours', 'batch_id'], completions);
      await db.query('COMMIT');
      const ms = since(t0);
      const n = await count(`SELECT count(*) AS n FROM training_completions`);
      if (n !== rows.length) throw new Error(`honest COPY: ${n} rows in training_completions, expected ${rows.length}`);
      return { ms, participantsMs };
    };
    const login = await fetch(`${bench.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: bench.admin.email, password: bench.admin.password }) });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    /** The product over HTTP: multipart upload to the real endpoint, as the admin screen sends it. */
    const productImport = async (csv: Buffer, rows: number, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(csv)]), name);
      const t0 = performance.now();
      const res = await fetch(`${bench.baseUrl}/api/v1/training/completions/import?duplicates=skip`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form });
      const result = (await res.json()) as { batchId: number; received: number; inserted: number; skipped: number; replaced: number; participantsCreated: number };
      const ms = since(t0);
      if (res.status !== 200 && res.status !== 201) throw new Error(`import ${name}: ${res.status} ${JSON.stringify(result).slice(0, 500)}`);
      if (result.received !== rows || result.inserted !== rows || result.skipped || result.replaced) {
        throw new Error(`import ${name}: expected ${rows} new completions, got ${JSON.stringify(result)}`);
      }
      return { ms, result };
    };

    // The unsecured credentials the product signed for a batch: the payload of each stored VC-JWT is
    // exactly that object, in the product's key order (the jsonb column reorders keys).
    const unsecuredOf = async (batchId: number): Promise<object[]> =>
      (
        await db.query<{ jwt: string }>(
          `SELECT b.jwt FROM badge_credentials b JOIN training_completions t ON t.id = b.completion_id
           WHERE t.batch_id = $1 ORDER BY b.status_index`,
          [batchId],
        )
      ).rows.map((r) => JSON.parse(Buffer.from(r.jwt.split('.')[1], 'base64url').toString('utf8')) as object);
    const key = await keys.signingKey();
    const loader = await keys.documentLoader();
    const rawSign = async (credentials: object[]) => {
      let diMs = 0;
      let jwtMs = 0;
      let last: object | undefined;
      const t0 = performance.now();
      for (const u of credentials) {
        const t1 = performance.now();
        last = await signCredential(u, key, loader);
        const t2 = performance.now();
        await signJwt(u, key);
        jwtMs += performance.now() - t2;
        diMs += t2 - t1;
      }
      return { ms: since(t0), diMs, jwtMs, last };
    };
    const mustVerify = async (what: string, credential: object) => {
      const v = await verifyCredential(credential, loader, { checkStatus: false });
      if (!v.verified) throw new Error(`${what}: the credential does not verify: ${v.errors.join('; ')}`);
    };

    const importRows = completionRows(ROWS, 'P', courses);
    const importCsv = toCsv(importRows);
    const cores = availableParallelism();
    console.log(
      `database ${dbName} (${migrations.length} migrations, ${COURSES} courses in ${SCHOOL_YEAR}) ready in ${seconds(since(started)).toFixed(1)} s; ` +
        `CSV of ${num(ROWS)} rows (${num(Math.ceil(ROWS / COURSES_PER_PERSON))} teachers × ${COURSES_PER_PERSON} courses), ${(importCsv.length / 1e6).toFixed(1)} MB`,
    );
    console.log(`node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), load average ${loadAvg()}\n`);

    // Warm-up of both sides of both comparisons (JIT, connection, contexts), then empty tables.
    {
      const rows = completionRows(1_000, 'W', courses);
      await rawCopy(toCsv(rows), rows.length);
      await honestCopy(rows);
      await freshProductTables();
      await productImport(toCsv(rows), rows.length, 'warmup.csv');
      const small = completionRows(40, 'X', courses);
      const { result } = await productImport(toCsv(small), small.length, 'warmup-issue.csv');
      await issuer.issueForBatch(result.batchId);
      await rawSign(await unsecuredOf(result.batchId));
      await freshProductTables();
    }

    console.log(`import: ${num(ROWS)} rows, ${ROUNDS} round(s) of (plain COPY of the file, honest COPY into the real tables, product import over HTTP)`);
    const importRuns: ImportRun[] = [];
    const parseMs: number[] = [];
    const validateMs: number[] = [];
    const honestParticipantsMs: number[] = [];
    const honestNoTriggersMs: number[] = [];
    const label = { raw: 'plain COPY (file)', honest: 'honest COPY      ', product: 'product (HTTP)   ' };
    const record = (round: number, target: ImportRun['target'], ms: number, note = '') => {
      const run = { round, target, rows: ROWS, ms, rowsPerSec: ROWS / seconds(ms) };
      importRuns.push(run);
      console.log(`  round ${round} ${label[target]} ${num(run.rowsPerSec).padStart(9)} rows/s  ${seconds(ms).toFixed(2)} s${note}`);
    };
    for (let round = 1; round <= ROUNDS; round++) {
      record(round, 'raw', await rawCopy(importCsv, ROWS));
      const honest = await honestCopy(importRows);
      honestParticipantsMs.push(honest.participantsMs);
      const noTriggers = await honestCopy(importRows, true);
      honestNoTriggersMs.push(noTriggers.ms);
      record(round, 'honest', honest.ms, ` (participants ${seconds(honest.participantsMs).toFixed(2)} s, completions ${seconds(honest.ms - honest.participantsMs).toFixed(2)} s; ` +
        `${seconds(noTriggers.ms).toFixed(2)} s without the foreign-key triggers)`);

      await freshProductTables();
      await checkpoint();
      const { ms, result } = await productImport(importCsv, ROWS, 'bench.csv');
      const [people, done] = [await count(`SELECT count(*) AS n FROM training_participants`), await count(`SELECT count(*) AS n FROM training_completions`)];
      if (done !== ROWS || people !== result.participantsCreated) throw new Error(`import: ${done} completions and ${people} participants in the tables, expected ${ROWS} / ${result.participantsCreated}`);
      record(round, 'product', ms);

      // Where the product's time goes: the same file read and validated again, outside the timing.
      let t0 = performance.now();
      const parsed = await readTable(importCsv, 'bench.csv', { maxRows: 200_000 });
      parseMs.push(since(t0));
      const lookups = {
        courses: await ds.query(`SELECT id, code, school_year AS "schoolYear", credit_hours::float AS "creditHours", audience FROM training_courses`),
        sessions: [],
        schools: await ds.query(`SELECT id, neis_code AS "neisCode" FROM schools WHERE neis_code IS NOT NULL`),
      };
      t0 = performance.now();
      const { rows: valid } = parseCompletionRows(parsed, lookups, 'skip');
      validateMs.push(since(t0));
      if (valid.length !== ROWS) throw new Error(`validation kept ${valid.length} of ${ROWS} rows`);
    }
    await db.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);

    console.log(`\nissuance: ${num(ISSUE)} badges, ${ISSUE_ROUNDS} round(s) of (product issuance, raw signing of the same credentials)`);
    const issueRuns: IssueRun[] = [];
    const issueRows = (round: number) => completionRows(ISSUE, `I${round}-`, courses);
    for (let round = 1; round <= ISSUE_ROUNDS; round++) {
      // A batch of exactly ISSUE completions (new teachers, beside the 100,000 already imported).
      const { result } = await productImport(toCsv(issueRows(round)), ISSUE, `bench-issue-${round}.csv`);
      await checkpoint();
      const t0 = performance.now();
      const issued = await issuer.issueForBatch(result.batchId);
      const productMs = since(t0);
      if (issued.courseBadges !== ISSUE || issued.levelBadges !== 0) throw new Error(`issuance: expected ${ISSUE} course badges, got ${JSON.stringify(issued)}`);
      const product: IssueRun = { round, target: 'product', credentials: ISSUE, ms: productMs, perSec: ISSUE / seconds(productMs) };
      issueRuns.push(product);
      console.log(`  round ${round} product issuance ${num(product.perSec, 1).padStart(7)} badges/s  ${seconds(productMs).toFixed(2)} s`);

      const credentials = await unsecuredOf(result.batchId);
      if (credentials.length !== ISSUE) throw new Error(`issuance: ${credentials.length} credentials stored, expected ${ISSUE}`);
      const signed = await rawSign(credentials);
      const rawRun: IssueRun = { round, target: 'raw', credentials: ISSUE, ms: signed.ms, perSec: ISSUE / seconds(signed.ms), dataIntegrityMs: signed.diMs, jwtMs: signed.jwtMs };
      issueRuns.push(rawRun);
      console.log(
        `  round ${round} raw signing      ${num(rawRun.perSec, 1).padStart(7)} badges/s  ${seconds(signed.ms).toFixed(2)} s ` +
          `(Data Integrity ${(signed.diMs / ISSUE).toFixed(2)} ms + VC-JWT ${(signed.jwtMs / ISSUE).toFixed(2)} ms per credential)`,
      );
      // Both sides produced real, verifiable proofs.
      const [stored] = (await db.query<{ c: object }>(`SELECT b.credential AS c FROM badge_credentials b JOIN training_completions t ON t.id = b.completion_id WHERE t.batch_id = $1 LIMIT 1`, [result.batchId])).rows;
      await mustVerify('product', stored.c);
      await mustVerify('raw', signed.last!);
    }
    const loadAfter = loadAvg();

    const med = <T>(runs: T[], pick: (r: T) => number) => median(runs.map(pick));
    const best = <T>(runs: T[], pick: (r: T) => number) => Math.max(...runs.map(pick));
    const imp = (t: ImportRun['target']) => importRuns.filter((r) => r.target === t);
    const iss = (t: IssueRun['target']) => issueRuns.filter((r) => r.target === t);
    const summary = {
      import: {
        raw: { rowsPerSecMedian: med(imp('raw'), (r) => r.rowsPerSec), rowsPerSecBest: best(imp('raw'), (r) => r.rowsPerSec), secondsMedian: seconds(med(imp('raw'), (r) => r.ms)) },
        honest: {
          rowsPerSecMedian: med(imp('honest'), (r) => r.rowsPerSec),
          rowsPerSecBest: best(imp('honest'), (r) => r.rowsPerSec),
          secondsMedian: seconds(med(imp('honest'), (r) => r.ms)),
          participantsSecondsMedian: seconds(median(honestParticipantsMs)),
          withoutForeignKeyTriggersSecondsMedian: seconds(median(honestNoTriggersMs)),
        },
        product: { rowsPerSecMedian: med(imp('product'), (r) => r.rowsPerSec), rowsPerSecBest: best(imp('product'), (r) => r.rowsPerSec), secondsMedian: seconds(med(imp('product'), (r) => r.ms)) },
        productBreakdownMedianSeconds: {
          readCsv: seconds(median(parseMs)),
          validate: seconds(median(validateMs)),
          database: seconds(med(imp('product'), (r) => r.ms) - median(parseMs) - median(validateMs)),
        },
      },
      issuance: {
        raw: {
          perSecMedian: med(iss('raw'), (r) => r.perSec),
          perSecBest: best(iss('raw'), (r) => r.perSec),
          msPerCredential: med(iss('raw'), (r) => r.ms) / ISSUE,
          dataIntegrityMsPerCredential: med(iss('raw'), (r) => r.dataIntegrityMs!) / ISSUE,
          jwtMsPerCredential: med(iss('raw'), (r) => r.jwtMs!) / ISSUE,
        },
        product: { perSecMedian: med(iss('product'), (r) => r.perSec), perSecBest: best(iss('product'), (r) => r.perSec), msPerCredential: med(iss('product'), (r) => r.ms) / ISSUE },
      },
    };
    const projected = {
      rawMinutes: FULL / summary.issuance.raw.perSecMedian / 60,
      productMinutes: FULL / summary.issuance.product.perSecMedian / 60,
    };
    const ratio = {
      import: summary.import.product.rowsPerSecMedian / summary.import.raw.rowsPerSecMedian,
      importBest: summary.import.product.rowsPerSecBest / summary.import.raw.rowsPerSecBest,
      importHonest: summary.import.product.rowsPerSecMedian / summary.import.honest.rowsPerSecMedian,
      importHonestBest: summary.import.product.rowsPerSecBest / summary.import.honest.rowsPerSecBest,
      issuance: summary.issuance.product.perSecMedian / summary.issuance.raw.perSecMedian,
      issuanceBest: summary.issuance.product.perSecBest / summary.issuance.raw.perSecBest,
    };

    const b = summary.import.productBreakdownMedianSeconds;
    console.log('\n' + table(
      ['', 'count', 'per s median', 'per s best', 's median', `100,000 at median`],
      [
        ['import: plain COPY of the file', num(ROWS), num(summary.import.raw.rowsPerSecMedian), num(summary.import.raw.rowsPerSecBest), summary.import.raw.secondsMedian.toFixed(2), `${(FULL / summary.import.raw.rowsPerSecMedian).toFixed(1)} s`],
        ['import: honest COPY (real tables)', num(ROWS), num(summary.import.honest.rowsPerSecMedian), num(summary.import.honest.rowsPerSecBest), summary.import.honest.secondsMedian.toFixed(2), `${(FULL / summary.import.honest.rowsPerSecMedian).toFixed(1)} s`],
        ['import: product over HTTP', num(ROWS), num(summary.import.product.rowsPerSecMedian), num(summary.import.product.rowsPerSecBest), summary.import.product.secondsMedian.toFixed(2), `${(FULL / summary.import.product.rowsPerSecMedian).toFixed(1)} s`],
        ['issuance: raw signing (DI + JWT)', num(ISSUE), num(summary.issuance.raw.perSecMedian, 1), num(summary.issuance.raw.perSecBest, 1), seconds(med(iss('raw'), (r) => r.ms)).toFixed(2), `${projected.rawMinutes.toFixed(1)} min`],
        ['issuance: BadgeIssuer', num(ISSUE), num(summary.issuance.product.perSecMedian, 1), num(summary.issuance.product.perSecBest, 1), seconds(med(iss('product'), (r) => r.ms)).toFixed(2), `${projected.productMinutes.toFixed(1)} min`],
      ],
    ));
    console.log(
      `(medians over rounds; product import ≈ read CSV ${b.readCsv.toFixed(2)} s + validate ${b.validate.toFixed(2)} s + upload and database ${b.database.toFixed(2)} s; ` +
        `raw signing ${summary.issuance.raw.dataIntegrityMsPerCredential.toFixed(2)} ms Data Integrity + ${summary.issuance.raw.jwtMsPerCredential.toFixed(2)} ms VC-JWT per credential; ` +
        `load average at the end ${loadAfter})\n`,
    );
    console.log(`ratio import   (product / honest COPY): ${ratio.importHonest.toFixed(2)}  (best runs: ${ratio.importHonestBest.toFixed(2)})`);
    console.log(`ratio import   (product / plain COPY):  ${ratio.import.toFixed(2)}  (best runs: ${ratio.importBest.toFixed(2)})`);
    console.log(`ratio issuance (product / raw signing): ${ratio.issuance.toFixed(2)}  (best runs: ${ratio.issuanceBest.toFixed(2)})`);
    if (ISSUE < FULL) console.log(`issuing ${num(FULL)} badges at the measured rate: ~${projected.productMinutes.toFixed(1)} min (raw signing alone ~${projected.rawMinutes.toFixed(1)} min); BENCH_ISSUE=${FULL} measures it`);

    writeResults('training-import', {
      settings: { rows: ROWS, rounds: ROUNDS, issue: ISSUE, issueRounds: ISSUE_ROUNDS, courses: COURSES, coursesPerPerson: COURSES_PER_PERSON, poolSize: POOL_SIZE },
      importRuns,
      issueRuns,
      summary,
      projectedMinutesFor100000Badges: projected,
      ratio,
    });
    return 0;
  });
}

runBench(main);
