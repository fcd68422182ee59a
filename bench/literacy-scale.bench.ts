/**
 * Literacy results at national scale (issue 16): 10,000, 100,000 and 1,000,000 students × 30 items,
 * each uploaded over HTTP to the real api and analysed by the real worker, both in child processes
 * of their own, beside a plain COPY of the same file's bytes into a table of text columns.
 *
 *   upload    POST /api/v1/literacy/assessments/:id/results/import, the CSV streamed from disk as a
 *             multipart body: the api reads it as it arrives, checks every cell, COPYs into staging,
 *             upserts students, writes the school year's partition of literacy_results, audits and
 *             enqueues the analysis (the outbox), all in one transaction
 *   analysis  the worker's literacy-analysis job for it (scoring, CTT, distractors, Rasch/PCM by MML,
 *             levels, one literacy_scores row per student), timed from the upload's answer to the
 *             job's completion as GET /api/v1/jobs/:id reports it
 *   raw COPY  `COPY raw FROM STDIN (FORMAT csv, HEADER)` of the file's bytes into a table with one
 *             text column per CSV column: no parsing in JavaScript, no checks, keys or indexes
 *
 * Printed per size: seconds, microseconds per student (the issue asks for a cost per row flat within
 * 25 % from 10 k to 1 M), the ratio upload / raw COPY, and the api's and the worker's peak RSS
 * (VmRSS from /proc every 50 ms; the api must stay under 300 MB).
 *
 *   npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && node dist/bench/literacy-scale.bench.js
 *
 * Environment (all optional, besides those of bench-db.ts):
 *   BENCH_SIZES   students per run, comma separated (default 10000,100000,1000000)
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rng, simulate, thirtyItemSteps } from '@app/literacy/analysis/simulate.fixture';
import { ApiProcess, MB, peakRss, procRss } from './api-process';
import { loadAvg, num, REDIS_URL, runBench, table, withBenchRun, writeResults } from './bench-db';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
/** A first, unrecorded run, so the api's and worker's code is compiled before the 10 k run is timed. */
const WARMUP = 2_000;
const SEED = 20_261_206;
const BLOCK = 10_000;
const GRADE = 5;
const OPTIONS = ['1', '2', '3', '4'];
const AREAS = ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'];
const HEADER = ['student_id', 'school_id', 'grade', 'class'];

interface BenchItem {
  id: string;
  area: string;
  type: 'dichotomous' | 'partial';
  maxScore?: number;
  key?: string[];
  options?: string[];
}

const STEPS = thirtyItemSteps();
const ITEMS: BenchItem[] = (() => {
  const random = rng(SEED);
  return STEPS.map((steps, j) =>
    steps.length === 1
      ? { id: `Q${j + 1}`, area: AREAS[j % 4], type: 'dichotomous' as const, key: [OPTIONS[Math.floor(random() * 4)]], options: OPTIONS }
      : { id: `Q${j + 1}`, area: AREAS[j % 4], type: 'partial' as const, maxScore: steps.length },
  );
})();

/**
 * The upload, written block by block (memory stays flat): abilities N(0, 1), 1 % of cells
 * unanswered, a wrong choice spread over the three distractors, students evenly over `schools`.
 */
function writeCsv(path: string, count: number, schools: number[]): number {
  const fd = openSync(path, 'w');
  const random = rng(SEED + 1);
  writeSync(fd, [...HEADER, ...ITEMS.map((i) => i.id)].join(',') + '\n');
  for (let start = 0; start < count; start += BLOCK) {
    const n = Math.min(BLOCK, count - start);
    const sim = simulate(n, STEPS, { seed: SEED + start, missingRate: 0.01 });
    let text = '';
    for (let s = 0; s < n; s++) {
      const student = start + s;
      const school = schools[student % schools.length];
      const cells = ITEMS.map((item, j) => {
        const score = sim.matrix.data[s * ITEMS.length + j];
        if (Number.isNaN(score)) return '';
        if (!item.key) return String(score);
        if (score === 1) return item.key[0];
        const wrong = OPTIONS.filter((o) => o !== item.key![0]);
        return wrong[Math.floor(random() * 3)];
      });
      text += `S${String(student + 1).padStart(7, '0')},${school},${GRADE},${1 + (Math.floor(student / schools.length) % 10)},${cells.join(',')}\n`;
    }
    writeSync(fd, text);
  }
  closeSync(fd);
  return statSync(path).size;
}

/** The real worker (dist/apps/worker/main.js) on the run's database and queue prefix. */
function startWorker(databaseUrl: string, queuePrefix: string): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'apps', 'worker', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      BADGE_KEY_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A multipart body whose file part is read from disk as it is sent. */
async function* multipart(path: string, boundary: string): AsyncGenerator<Buffer> {
  yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="results.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

interface SizeRun {
  students: number;
  fileMB: number;
  rawSeconds: number;
  uploadSeconds: number;
  analysisSeconds: number;
  apiPeakMB: number;
  workerPeakMB: number;
}

async function main(): Promise<number> {
  return withBenchRun(async ({ dbName, databaseUrl, queuePrefix, closeAtEnd }) => {
    const { api, ready } = await ApiProcess.start(databaseUrl, queuePrefix, { poolSize: 10 });
    closeAtEnd('api process', () => api.close());
    const worker = startWorker(databaseUrl, queuePrefix);
    closeAtEnd('worker process', () => new Promise<void>((resolve) => (worker.exitCode !== null ? resolve() : (worker.once('exit', () => resolve()), worker.kill('SIGTERM')))));
    const dir = mkdtempSync(join(tmpdir(), 'aiedu-literacy-scale-'));
    closeAtEnd('files', () => rmSync(dir, { recursive: true, force: true }));

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    closeAtEnd('baseline connection', () => db.end());
    const login = await fetch(`${ready.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ready.email, password: ready.password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const schools = (await db.query<{ id: number }>(`SELECT id FROM schools WHERE level = 'elementary' ORDER BY id`)).rows.map((r) => r.id);
    console.log(`database ${dbName}; api pid ${api.child.pid}, worker pid ${worker.pid}; ${ITEMS.length} items; students over ${schools.length} elementary schools; load ${loadAvg()}`);

    const runs: SizeRun[] = [];
    for (const [k, students] of [WARMUP, ...SIZES].entries()) {
      await db.query(`TRUNCATE literacy_scores, literacy_analyses, literacy_results, literacy_import_batches, students CASCADE`);
      const file = join(dir, `results-${students}.csv`);
      const bytes = writeCsv(file, students, schools);

      // The floor: the same bytes into text columns by PostgreSQL's own CSV parser.
      await db.query(`DROP TABLE IF EXISTS raw; CREATE TABLE raw (${[...HEADER, ...ITEMS.map((i) => i.id)].map((c) => `"${c}" text`).join(', ')})`);
      await db.query('CHECKPOINT');
      let t0 = performance.now();
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), db.query(copyFrom(`COPY raw FROM STDIN (FORMAT csv, HEADER)`)));
      const rawSeconds = (performance.now() - t0) / 1000;
      const [{ n: rawRows }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw`)).rows;
      if (rawRows !== students) throw new Error(`raw COPY loaded ${rawRows} rows of ${students}`);
      await db.query(`DROP TABLE raw`);

      const created = await fetch(`${ready.baseUrl}/api/v1/literacy/assessments`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `scale ${k + 1}: ${students}`, schoolYear: 2026, phase: 'main', grade: GRADE, items: ITEMS, cutScores: [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 80 }] }),
      });
      const { id } = (await created.json()) as { id: number };
      if (created.status !== 201) throw new Error(`creating the assessment: ${created.status}`);
      await db.query('CHECKPOINT');

      const boundary = `bench${randomBytes(8).toString('hex')}`;
      let workerPeak = 0;
      const workerSampler = setInterval(() => (workerPeak = Math.max(workerPeak, procRss(worker.pid!)?.rss ?? 0)), 50);
      t0 = performance.now();
      const upload = await peakRss(api.child.pid!, async () => {
        const res = await fetch(`${ready.baseUrl}/api/v1/literacy/assessments/${id}/results/import`, {
          method: 'POST',
          headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: multipart(file, boundary) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit);
        return { status: res.status, body: (await res.json()) as { received: number; inserted: number; analysisJobId: string } };
      });
      const uploadSeconds = (performance.now() - t0) / 1000;
      if (upload.result.status !== 201 || upload.result.body.inserted !== students) throw new Error(`upload: ${upload.result.status} ${JSON.stringify(upload.result.body).slice(0, 400)}`);
      t0 = performance.now();
      const analysed = await peakRss(api.child.pid!, async () => {
        for (;;) {
          const job = (await (await fetch(`${ready.baseUrl}/api/v1/jobs/${upload.result.body.analysisJobId}`, { headers: auth })).json()) as { state: string; result?: { summary?: { students: number } } };
          if (job.state === 'completed') return job;
          if (job.state === 'failed') throw new Error(`analysis failed: ${JSON.stringify(job).slice(0, 400)}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      });
      const analysisSeconds = (performance.now() - t0) / 1000;
      clearInterval(workerSampler);
      const [{ n: scored }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM literacy_scores WHERE assessment_id = $1`, [id])).rows;
      if (scored !== students) throw new Error(`the analysis scored ${scored} students of ${students}`);
      rmSync(file);
      if (k === 0) {
        console.log(`warm-up: ${num(students)} students, upload ${uploadSeconds.toFixed(2)} s, analysis ${analysisSeconds.toFixed(2)} s`);
        continue;
      }
      const run = { students, fileMB: bytes / 1e6, rawSeconds, uploadSeconds, analysisSeconds, apiPeakMB: Math.max(upload.peak, analysed.peak) / MB, workerPeakMB: workerPeak / MB };
      runs.push(run);
      console.log(`${num(students)} students: file ${run.fileMB.toFixed(1)} MB, raw COPY ${rawSeconds.toFixed(2)} s, upload ${uploadSeconds.toFixed(2)} s, analysis ${analysisSeconds.toFixed(2)} s, api peak ${run.apiPeakMB.toFixed(0)} MB, worker peak ${run.workerPeakMB.toFixed(0)} MB (load ${loadAvg()})`);
    }

    const us = (s: number, n: number) => num((s * 1e6) / n, 1);
    console.log(
      '\n' +
        table(
          ['students', 'MB', 'raw COPY s', 'upload s', 'ratio upload/COPY', 'analysis s', 'total s', 'µs/student upload', 'µs/student analysis', 'µs/student total', 'api peak MB', 'worker peak MB'],
          runs.map((r) => [
            num(r.students), r.fileMB.toFixed(1), r.rawSeconds.toFixed(2), r.uploadSeconds.toFixed(2), (r.uploadSeconds / r.rawSeconds).toFixed(2), r.analysisSeconds.toFixed(2),
            (r.uploadSeconds + r.analysisSeconds).toFixed(2), us(r.uploadSeconds, r.students), us(r.analysisSeconds, r.students), us(r.uploadSeconds + r.analysisSeconds, r.students),
            r.apiPeakMB.toFixed(0), r.workerPeakMB.toFixed(0),
          ]),
        ),
    );
    const perRow = runs.map((r) => (r.uploadSeconds + r.analysisSeconds) / r.students);
    const spread = Math.max(...perRow) / Math.min(...perRow);
    console.log(`\ncost per student, largest ÷ smallest: ${spread.toFixed(2)} (flat within 25 % means ≤ 1.25); api peak RSS ${Math.max(...runs.map((r) => r.apiPeakMB)).toFixed(0)} MB`);
    writeResults('literacy-scale', { runs, costPerStudentSpread: spread, sizes: SIZES });
    return 0;
  });
}

runBench(main);
