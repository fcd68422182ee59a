/**
 * Literacy results at the scale of the main test (issue 6): 10,000 students × 30 items imported and
 * analysed, the import beside a raw COPY of the same rows:
 *
 *   import    `ResultsImportService.import` of a 10,000-row results CSV (read, check every cell,
 *             COPY into a staging table, upsert the students, insert the results, audit, enqueue
 *             the analysis job) against `COPY … FROM STDIN` of the same rows into a plain table
 *             (student_code, school_id, grade, class_no, responses text[]);
 *   analysis  `LiteracyAnalysisService.run` of the imported results (score, CTT, distractors,
 *             Rasch / partial credit model, levels, per-student scores written back);
 *   total     import + analysis, what an upload costs until its reports can be built;
 *   xlsx      the same rows uploaded as an XLSX workbook, reported separately.
 *
 *   npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && node dist/bench/literacy-import.bench.js
 *
 * Environment (all optional):
 *   BENCH_STUDENTS       students (rows) in the file (default 10000; the product takes up to 50000)
 *   BENCH_ROUNDS         rounds of (raw COPY, product CSV import, analysis) (default 5)
 *   BENCH_XLSX_ROUNDS    XLSX imports of the same rows (default 1; 0 skips them)
 *   BENCH_PG_URL         admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_REDIS_URL      default redis://127.0.0.1:6379
 */
import 'reflect-metadata';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Workbook } from 'exceljs';
import { Pool } from 'pg';
import { copyRows, pgTextArray, readTable } from '@app/core';
import { AssessmentsService, LiteracyAnalysisService, ResultsImportService } from '@app/literacy';
import { rng, simulate, thirtyItemSteps } from '@app/literacy/analysis/simulate.fixture';
import { tableRecords } from '@app/literacy/results/record-readers';
import { RecordChecker, type SchoolRef } from '@app/literacy/results/result-records';
import { envInt, loadAvg, median, num, runBench, startBenchApi, table, withBenchRun, writeResults } from './bench-db';

const STUDENTS = envInt('BENCH_STUDENTS', 10_000, 2);
const ROUNDS = envInt('BENCH_ROUNDS', 5, 1);
const XLSX_ROUNDS = envInt('BENCH_XLSX_ROUNDS', 1, 0);
/** ResultsImportService's MAX_STUDENTS: a larger file is refused. */
const MAX_STUDENTS = 50_000;
const POOL_SIZE = 10;
const SEED = 20_260_501;

/** 초5: year of schooling 5, written as grade 5 by elementary schools. */
const GRADE = 5;
const LEVEL = 'elementary';
const GRADE_IN_LEVEL = 5;
const OPTIONS = ['1', '2', '3', '4'];
const AREAS = ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'];
const HEADER_FIELDS = ['student_id', 'school_id', 'grade', 'class'];
const RAW_TABLE = 'literacy_results_raw';
const RAW_COLUMNS = ['student_code', 'school_id', 'grade', 'class_no', 'responses'];
/** The file's fields, typed as the product stores them; no keys, no constraints, no indexes. */
const RAW_DDL = `CREATE TABLE ${RAW_TABLE} (student_code text, school_id int, grade smallint, class_no smallint, responses text[])`;

interface BenchItem {
  id: string;
  area: string;
  type: 'dichotomous' | 'partial';
  maxScore?: number;
  key?: string[];
  options?: string[];
}

interface Student {
  code: string;
  schoolId: number;
  classNo: number;
  /** Position-aligned with the items: the raw option of a choice item, the score of a partial-credit item, null when unanswered. */
  responses: (string | null)[];
}

/**
 * The 30 items of `thirtyItemSteps()`: 24 four-option choice items (a seeded key each; the
 * simulated score 1 is the key, 0 one of the three distractors, the first twice as often as the
 * last) and 6 partial-credit items scored 0–2 or 0–3 by the platform. Students from N(0, 1), 1 %
 * of cells unanswered, spread evenly over `schools`, each school with 3–10 classes.
 */
function generate(count: number, schools: number[]): { items: BenchItem[]; students: Student[] } {
  const sim = simulate(count, thirtyItemSteps(), { seed: SEED, missingRate: 0.01 });
  const random = rng(SEED + 1);
  const items: BenchItem[] = sim.items.map((it, j) =>
    it.type === 'dichotomous'
      ? { id: it.id, area: AREAS[j % AREAS.length], type: 'dichotomous', key: [OPTIONS[Math.floor(random() * OPTIONS.length)]], options: OPTIONS }
      : { id: it.id, area: AREAS[j % AREAS.length], type: 'partial', maxScore: it.maxScore },
  );
  const J = items.length;
  const students: Student[] = [];
  for (let n = 0; n < count; n++) {
    const s = Math.floor((n * schools.length) / count);
    const firstOfSchool = Math.ceil((s * count) / schools.length);
    const classes = 3 + (s % 8);
    const responses = items.map((item, j) => {
      const score = sim.matrix.data[n * J + j];
      if (Number.isNaN(score)) return null;
      if (!item.key) return String(score);
      if (score === 1) return item.key[0];
      const wrong = OPTIONS.filter((o) => o !== item.key![0]);
      const u = random();
      return wrong[u < 0.5 ? 0 : u < 0.8 ? 1 : 2];
    });
    students.push({ code: `S${String(n + 1).padStart(6, '0')}`, schoolId: schools[s], classNo: 1 + ((n - firstOfSchool) % classes), responses });
  }
  return { items, students };
}

/** The upload: UTF-8 CSV, one row per student, empty cells for unanswered items. */
function toCsv(items: BenchItem[], students: Student[]): Buffer {
  const lines = [[...HEADER_FIELDS, ...items.map((i) => i.id)].join(',')];
  for (const s of students) lines.push([s.code, s.schoolId, GRADE_IN_LEVEL, s.classNo, ...s.responses.map((r) => r ?? '')].join(','));
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The same upload as a workbook saved by Excel would hold it: numbers as numbers, unanswered cells empty. */
async function toXlsx(items: BenchItem[], students: Student[]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('results');
  ws.addRow([...HEADER_FIELDS, ...items.map((i) => i.id)]);
  for (const s of students) ws.addRow([s.code, s.schoolId, GRADE_IN_LEVEL, s.classNo, ...s.responses.map((r) => (r === null ? null : Number(r)))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const seconds = (ms: number) => ms / 1000;
const since = (t0: number) => performance.now() - t0;

interface Run {
  round: number;
  target: 'raw' | 'product' | 'analysis' | 'xlsx';
  rows: number;
  ms: number;
  rowsPerSec: number;
}

async function main(): Promise<number> {
  if (STUDENTS > MAX_STUDENTS) throw new Error(`BENCH_STUDENTS must be at most ${MAX_STUDENTS} (the product refuses larger files)`);
  return withBenchRun(async ({ dbName, databaseUrl, queuePrefix, migrations, startedAt, closeAtEnd }) => {
    // The real api (its HTTP listener goes unused: the services are called directly) with its own
    // queue prefix and no worker, so the analysis job each import enqueues just waits in Redis until cleanup.
    const bench = await startBenchApi(databaseUrl, queuePrefix, POOL_SIZE);
    const app = bench.app;
    closeAtEnd('app', () => app.close());
    const assessments = app.get(AssessmentsService);
    const importer = app.get(ResultsImportService);
    const analysis = app.get(LiteracyAnalysisService);
    const actor = bench.admin.user;

    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    closeAtEnd('baseline pool', () => pool.end());
    const db = await pool.connect();
    closeAtEnd('baseline connection', () => db.release());
    const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
    // Dirty pages of the previous step are written out before each measured step, not during it.
    const checkpoint = () => db.query('CHECKPOINT');

    const schoolIds = (await db.query<{ id: number }>(`SELECT id FROM schools WHERE level = $1 ORDER BY id`, [LEVEL])).rows.map((r) => r.id);
    if (!schoolIds.length) throw new Error(`no ${LEVEL} schools seeded`);
    const genStart = performance.now();
    const { items, students } = generate(STUDENTS, schoolIds);
    const csv = toCsv(items, students);
    const rawRows = students.map((s) => [s.code, s.schoolId, GRADE_IN_LEVEL, s.classNo, pgTextArray(s.responses)]);
    const genMs = since(genStart);

    const created = await assessments.create(
      {
        name: '2026 AI·디지털 리터러시 진단검사 (본검사, 벤치마크)',
        schoolYear: 2026,
        phase: 'main',
        grade: GRADE,
        items,
        cutScores: [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 80 }],
      },
      actor,
    );
    const assessmentId = created.id;
    const warmup = await assessments.create(
      { name: 'warm-up', schoolYear: 2026, phase: 'pilot', grade: GRADE, items, cutScores: [{ level: '기초', min: 0 }] },
      actor,
    );

    const cores = availableParallelism();
    const partial = items.filter((i) => i.type === 'partial');
    console.log(
      `database ${dbName} (${migrations.length} migrations) ready in ${seconds(since(startedAt)).toFixed(1)} s; assessment ${assessmentId}: grade ${GRADE}, ` +
        `${items.length} items (${items.length - partial.length} four-option choice, ${partial.length} partial credit max ${partial.map((i) => i.maxScore).join('/')})`,
    );
    console.log(
      `CSV of ${num(STUDENTS)} students at ${schoolIds.length} ${LEVEL} schools (classes 1–10), ${(csv.length / 1e6).toFixed(2)} MB, generated in ${seconds(genMs).toFixed(1)} s`,
    );
    console.log(`node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), load average ${loadAvg()}\n`);

    const rawCopy = async (rows: unknown[][]): Promise<number> => {
      await db.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
      await db.query(RAW_DDL);
      await checkpoint();
      const t0 = performance.now();
      await copyRows(db, RAW_TABLE, RAW_COLUMNS, rows);
      const ms = since(t0);
      const n = await count(`SELECT count(*) AS n FROM ${RAW_TABLE}`);
      if (n !== rows.length) throw new Error(`raw COPY: ${n} rows in ${RAW_TABLE}, expected ${rows.length}`);
      return ms;
    };
    // Every round is a first upload: no students, results, scores or analysis yet (ids not restarted).
    const freshProductTables = () => db.query(`TRUNCATE literacy_scores, literacy_analyses, literacy_results, literacy_import_batches, students CASCADE`);
    const productImport = async (id: number, file: Buffer, name: string, rows: number) => {
      const t0 = performance.now();
      const result = await importer.import(id, file, name, actor);
      const ms = since(t0);
      if (result.received !== rows || result.inserted !== rows || result.replaced || result.studentsCreated !== rows) {
        throw new Error(`VERIFY FAILED import ${name}: expected ${rows} new results and students, got ${JSON.stringify(result)}`);
      }
      const stored = await count(`SELECT count(*) AS n FROM literacy_results WHERE assessment_id = $1`, [id]);
      if (stored !== rows) throw new Error(`VERIFY FAILED import ${name}: ${stored} results stored, expected ${rows}`);
      return { ms, result };
    };
    const analyse = async (id: number, rows: number) => {
      const t0 = performance.now();
      const out = await analysis.run(id);
      const ms = since(t0);
      const [stored] = (await db.query<{ students: number }>(`SELECT students FROM literacy_analyses WHERE assessment_id = $1`, [id])).rows;
      const scores = await count(`SELECT count(*) AS n FROM literacy_scores WHERE assessment_id = $1`, [id]);
      if (out.students !== rows || stored?.students !== rows || scores !== rows) {
        throw new Error(`VERIFY FAILED analysis: counted ${out.students} students (stored ${stored?.students}, ${scores} scores), expected ${rows}`);
      }
      return { ms, out };
    };

    // Warm-up of every path (JIT, connections, exceljs), on a small file and its own assessment.
    {
      const few = students.slice(0, 300);
      await rawCopy(rawRows.slice(0, 300));
      await productImport(warmup.id, toCsv(items, few), 'warmup.csv', few.length);
      await analyse(warmup.id, few.length);
      if (XLSX_ROUNDS) {
        await freshProductTables();
        await productImport(warmup.id, await toXlsx(items, few), 'warmup.xlsx', few.length);
      }
      await freshProductTables();
    }

    console.log(`${num(STUDENTS)} students × ${items.length} items, ${ROUNDS} round(s) of (raw COPY, product CSV import, analysis)`);
    const runs: Run[] = [];
    const readMs: number[] = [];
    const checkMs: number[] = [];
    let last: Awaited<ReturnType<typeof analyse>>['out'] | undefined;
    const record = (round: number, target: Run['target'], ms: number) => {
      const run = { round, target, rows: STUDENTS, ms, rowsPerSec: STUDENTS / seconds(ms) };
      runs.push(run);
      const label = { raw: 'raw COPY       ', product: 'product import ', analysis: 'analysis       ', xlsx: 'product XLSX   ' }[target];
      console.log(`  round ${round} ${label} ${num(run.rowsPerSec).padStart(9)} rows/s  ${seconds(ms).toFixed(2)} s`);
    };
    const assessment = await assessments.get(assessmentId);
    const lookupSchools = async () => {
      const rows = await db.query<{ id: number; neis: string | null; level: string; office: string }>(
        `SELECT s.id, s.neis_code AS neis, s.level, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district`,
      );
      const map = new Map<string, SchoolRef>();
      for (const r of rows.rows) {
        const ref = { id: r.id, level: r.level, office: r.office };
        map.set(String(r.id), ref);
        if (r.neis) map.set(r.neis, ref);
      }
      return map;
    };
    for (let round = 1; round <= ROUNDS; round++) {
      record(round, 'raw', await rawCopy(rawRows));

      await freshProductTables();
      await checkpoint();
      record(round, 'product', (await productImport(assessmentId, csv, 'results.csv', STUDENTS)).ms);

      await checkpoint();
      const analysed = await analyse(assessmentId, STUDENTS);
      last = analysed.out;
      record(round, 'analysis', analysed.ms);

      // Where the import's time goes: the same file read and checked again, outside the timing.
      let t0 = performance.now();
      const parsed = await readTable(csv, 'results.csv', { maxRows: MAX_STUDENTS });
      const read = tableRecords(parsed.headers, assessment.items.map((i) => i.id), false);
      const records = parsed.rows.map(read.toRecord);
      readMs.push(since(t0));
      const schools = await lookupSchools();
      t0 = performance.now();
      const checker = new RecordChecker({ assessment, schools, mayWrite: () => true });
      const staged = records.filter((r) => checker.check(r));
      checkMs.push(since(t0));
      if (staged.length !== STUDENTS || checker.problems.length || read.problems.length) throw new Error(`checking kept ${staged.length} of ${STUDENTS} rows`);
    }
    await db.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);

    const xlsxReadMs: number[] = [];
    let xlsxBytes = 0;
    if (XLSX_ROUNDS) {
      const t0 = performance.now();
      const xlsx = await toXlsx(items, students);
      xlsxBytes = xlsx.length;
      console.log(`\nXLSX of the same ${num(STUDENTS)} rows, ${(xlsx.length / 1e6).toFixed(2)} MB (written in ${seconds(since(t0)).toFixed(1)} s), ${XLSX_ROUNDS} import(s)`);
      for (let round = 1; round <= XLSX_ROUNDS; round++) {
        await freshProductTables();
        await checkpoint();
        record(round, 'xlsx', (await productImport(assessmentId, xlsx, 'results.xlsx', STUDENTS)).ms);
        const t1 = performance.now();
        await readTable(xlsx, 'results.xlsx', { maxRows: MAX_STUDENTS });
        xlsxReadMs.push(since(t1));
      }
    }
    const loadAfter = loadAvg();

    const of = (t: Run['target']) => runs.filter((r) => r.target === t);
    const stat = (t: Run['target']) => {
      const rs = of(t);
      if (!rs.length) return null;
      return {
        rowsPerSecMedian: median(rs.map((r) => r.rowsPerSec)),
        rowsPerSecBest: Math.max(...rs.map((r) => r.rowsPerSec)),
        secondsMedian: seconds(median(rs.map((r) => r.ms))),
      };
    };
    const raw = stat('raw')!;
    const product = stat('product')!;
    const analysed = stat('analysis')!;
    const xlsx = stat('xlsx');
    // Total per round: that round's import + that round's analysis.
    const totals = Array.from({ length: ROUNDS }, (_, i) => of('product')[i].ms + of('analysis')[i].ms);
    const totalSeconds = seconds(median(totals));
    const breakdown = {
      readCsv: seconds(median(readMs)),
      check: seconds(median(checkMs)),
      database: product.secondsMedian - seconds(median(readMs)) - seconds(median(checkMs)),
    };
    const ratio = {
      import: product.rowsPerSecMedian / raw.rowsPerSecMedian,
      importBest: product.rowsPerSecBest / raw.rowsPerSecBest,
      xlsx: xlsx ? xlsx.rowsPerSecMedian / raw.rowsPerSecMedian : null,
    };

    const row = (label: string, s: NonNullable<ReturnType<typeof stat>>) => [label, num(STUDENTS), num(s.rowsPerSecMedian), num(s.rowsPerSecBest), s.secondsMedian.toFixed(2)];
    console.log('\n' + table(
      ['', 'rows', 'rows/s median', 'rows/s best', 's median'],
      [
        row('import: raw COPY', raw),
        row('import: ResultsImportService (CSV)', product),
        ...(xlsx ? [row('import: ResultsImportService (XLSX)', xlsx)] : []),
        row('analysis: LiteracyAnalysisService.run', analysed),
        ['total: CSV import + analysis', num(STUDENTS), num(STUDENTS / totalSeconds), num(STUDENTS / seconds(Math.min(...totals))), totalSeconds.toFixed(2)],
      ],
    ));
    console.log(
      `(medians over rounds; CSV import ≈ read CSV ${breakdown.readCsv.toFixed(2)} s + check ${breakdown.check.toFixed(2)} s + database and the rest ${breakdown.database.toFixed(2)} s` +
        (xlsxReadMs.length ? `; XLSX read ${seconds(median(xlsxReadMs)).toFixed(2)} s` : '') +
        `; analysis: ${last!.students} students, alpha ${last!.alpha}, ${last!.flagged} item(s) flagged, Rasch converged ${last!.raschConverged}; load average at the end ${loadAfter})\n`,
    );
    console.log(`ratio import (product CSV / raw COPY):  ${ratio.import.toFixed(3)}  (best runs: ${ratio.importBest.toFixed(3)})`);
    if (ratio.xlsx !== null) console.log(`ratio import (product XLSX / raw COPY): ${ratio.xlsx.toFixed(3)}`);
    console.log(`analysis: ${analysed.secondsMedian.toFixed(2)} s; total (CSV import + analysis): ${totalSeconds.toFixed(2)} s`);

    writeResults('literacy-import', {
      settings: { students: STUDENTS, items: items.length, partialItems: partial.length, schools: schoolIds.length, grade: GRADE, rounds: ROUNDS, xlsxRounds: XLSX_ROUNDS, poolSize: POOL_SIZE, csvBytes: csv.length, xlsxBytes },
      runs,
      summary: {
        raw,
        product,
        xlsx,
        analysis: { ...analysed, last },
        total: { secondsMedian: totalSeconds, secondsPerRound: totals.map(seconds) },
        productBreakdownMedianSeconds: { ...breakdown, xlsxRead: xlsxReadMs.length ? seconds(median(xlsxReadMs)) : null },
      },
      ratio,
    });
    return 0;
  });
}

runBench(main);
