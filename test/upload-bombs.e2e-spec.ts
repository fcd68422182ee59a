import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { HttpClient } from './support/http-client';
import { assessmentBody } from './support/literacy-fixtures';
import { createTestDatabase } from './support/test-db';
import { TEST_REDIS_URL } from './support/test-env';
import { buildZip, part, qtiZipBomb, workbookParts, xlsxBomb } from './support/zip-bombs';

/*
 * Issue 12: hostile uploads must not take the api down. The built api runs as its own process so
 * that its memory can be measured on its own; every bomb is sent at once while a health probe
 * runs, and the api must keep answering within a second, stay under 400 MB, refuse each upload
 * with a 4xx and write nothing.
 */

const MiB = 1024 * 1024;
const RSS_LIMIT_MB = 400;
/** When the api balloons anyway (the code before the fix), stop it before it takes the machine along. */
const RSS_KILL_MB = 3072;
const PASSWORD = 'bomb-test-password-1';
const ADMIN = 'bomb-admin@sen.go.kr';

const TABLES = ['training_courses', 'training_completions', 'training_import_batches', 'training_participants', 'schools', 'literacy_results', 'literacy_import_batches', 'students', 'audit_log'];

interface Outcome {
  name: string;
  status: number;
  code?: string;
  ms: number;
  bodyBytes: number;
  message?: string;
  retryAfter?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined; // the process is gone
  }
}

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.stdin.end(stdin ?? '');
    proc.on('exit', (code) => resolve({ code, output }));
  });
}

async function counts(db: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await db.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('upload bombs against the built api in its own process', () => {
  const root = join(__dirname, '..');
  const apiMain = join(root, 'dist/apps/api/src/main.js');
  const cliMain = join(root, 'dist/apps/cli/src/main.js');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Client;
  let api: ChildProcess;
  let apiOutput = '';
  let baseUrl: string;
  let admin: HttpClient;
  let assessmentId: number;
  let attachmentDir: string;

  beforeAll(async () => {
    expect(existsSync(apiMain)).toBe(true);
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    attachmentDir = mkdtempSync(join(tmpdir(), 'aiedu-bombs-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, PORT: String(port),
      QUEUE_PREFIX: `bomb${randomBytes(4).toString('hex')}`, TOKEN_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'warn', ATTACHMENT_DIR: attachmentDir,
    };
    const created = await run([cliMain, 'users:create', '--email', ADMIN, '--role', 'city_admin', '--password-stdin'], env, PASSWORD);
    if (created.code !== 0) throw new Error(`users:create failed:\n${created.output}`);

    api = spawn(process.execPath, [apiMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout!.on('data', (d) => (apiOutput += d));
    api.stderr!.on('data', (d) => (apiOutput += d));
    const until = Date.now() + 30_000;
    while (!apiOutput.includes('api listening')) {
      if (api.exitCode !== null || Date.now() > until) throw new Error(`the api did not start:\n${apiOutput}`);
      await sleep(50);
    }
    admin = await new HttpClient(baseUrl).login(ADMIN, PASSWORD);
    const assessment = await admin.post('/api/v1/literacy/assessments', assessmentBody());
    expect(assessment.status).toBe(201);
    assessmentId = assessment.body.id;
  }, 60_000);

  afterAll(async () => {
    if (api && api.exitCode === null && api.signalCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    }
    await db?.end();
    await database?.drop();
    if (attachmentDir) rmSync(attachmentDir, { recursive: true, force: true });
  });

  async function send(name: string, path: string, init: RequestInit): Promise<Outcome> {
    const started = performance.now();
    try {
      const res = await fetch(baseUrl + path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${admin.token}` } });
      const text = await res.text();
      let body: { code?: string; message?: string } = {};
      try {
        body = JSON.parse(text);
      } catch {}
      return { name, status: res.status, code: body.code, ms: Math.round(performance.now() - started), bodyBytes: Buffer.byteLength(text), message: body.message, retryAfter: res.headers.get('retry-after') ?? undefined };
    } catch (err) {
      return { name, status: 0, code: (err as Error).message, ms: Math.round(performance.now() - started), bodyBytes: 0 };
    }
  }

  function upload(name: string, path: string, file: Buffer, filename: string): Promise<Outcome> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), filename);
    return send(name, path, { method: 'POST', body: form });
  }

  it('refuses an XLSX bomb (honest and lying sizes), a ZIP bomb, a wide CSV, a long line and deep JSON, all at once, while staying healthy and small', async () => {
    // The hostile files, built without ever holding what they expand to.
    const xlsxHonest = xlsxBomb(2048 * MiB); // declares its 2 GB sheet
    const xlsxLying = xlsxBomb(2048 * MiB, 10 * MiB); // says the sheet is 10 MB
    const zipBomb = qtiZipBomb([
      { name: 'results/a.xml', bytes: 500 * MiB }, // under the old 512 MiB per entry
      { name: 'results/b.xml', bytes: 500 * MiB, declaredSize: 64 * 1024 }, // lies
    ]);
    const header = Array.from({ length: 1_000_000 }, (_, i) => `col${i}`).join(',');
    const wideCsv = Buffer.from(`${header}\n1,2,3\n`);
    const longLine = Buffer.alloc(19 * MiB, 'x');
    const deepJson = `{"code":"BOMB-1","name":"deep","sessions":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    console.log(`files: xlsx ${(xlsxHonest.length / MiB).toFixed(1)} MB (2 GB sheet, declared), xlsx ${(xlsxLying.length / MiB).toFixed(1)} MB (2 GB sheet, declared 10 MB), zip ${(zipBomb.length / MiB).toFixed(1)} MB (2 × 500 MB), wide CSV ${(wideCsv.length / MiB).toFixed(1)} MB (1,000,000 columns), one-line CSV ${(longLine.length / MiB).toFixed(0)} MB, JSON nested 20,000 deep`);

    const pid = api.pid!;
    const before = await counts(db);
    const baselineRss = rssMb(pid)!;

    // RSS every 50 ms; the health probe every 100 ms, one at a time, each timed.
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      const rss = rssMb(pid);
      if (rss === undefined) return;
      peakRss = Math.max(peakRss, rss);
      if (rss > RSS_KILL_MB) api.kill('SIGKILL');
    }, 50);
    const health: { status: number; ms: number }[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const started = performance.now();
        let status = 0;
        try {
          status = (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
        } catch {}
        health.push({ status, ms: Math.round(performance.now() - started) });
        await sleep(100);
      }
    })();

    await sleep(300);
    const started = performance.now();
    const outcomes = await Promise.all([
      upload('xlsx bomb, honest size', '/api/v1/training/completions/import', xlsxHonest, 'completions.xlsx'),
      upload('xlsx bomb, lying size', '/api/v1/schools/import', xlsxLying, 'schools.xlsx'),
      upload('QTI zip bomb', `/api/v1/literacy/assessments/${assessmentId}/results/import`, zipBomb, 'results.zip'),
      upload('CSV, 1,000,000 columns', '/api/v1/training/completions/import', wideCsv, 'completions.csv'),
      upload('CSV, one 19 MB line', `/api/v1/literacy/assessments/${assessmentId}/results/import`, longLine, 'results.csv'),
      send('JSON nested 20,000 deep', '/api/v1/training/courses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: deepJson }),
    ]);
    const allDoneMs = Math.round(performance.now() - started);
    await sleep(500);
    probing = false;
    await prober;
    clearInterval(sampler);

    const slowest = Math.max(...health.map((h) => h.ms));
    console.log(
      [
        `api RSS: ${baselineRss.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB under the bombs (limit ${RSS_LIMIT_MB} MB)`,
        `health: ${health.length} probes, slowest ${slowest} ms, statuses ${[...new Set(health.map((h) => h.status))].join(',')}`,
        `all uploads answered in ${allDoneMs} ms:`,
        ...outcomes.map((o) => `  ${o.name}: ${o.status} ${o.code ?? ''} in ${o.ms} ms, ${o.bodyBytes} byte body — ${o.message?.slice(0, 200) ?? ''}`),
        ...(api.exitCode !== null || api.signalCode !== null ? [`the api died (${api.exitCode ?? api.signalCode}):\n${apiOutput.slice(-2000)}`] : []),
      ].join('\n'),
    );

    expect(api.exitCode).toBeNull();
    expect(api.signalCode).toBeNull();
    expect(health.length).toBeGreaterThanOrEqual(5);
    // Answered throughout (latency is printed, not asserted: no timing thresholds in tests).
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    expect(peakRss).toBeLessThan(RSS_LIMIT_MB);
    expect(outcomes.map((o) => [o.name, o.status, o.code])).toEqual([
      ['xlsx bomb, honest size', 400, 'INVALID_FILE'],
      ['xlsx bomb, lying size', 400, 'INVALID_FILE'],
      ['QTI zip bomb', 400, 'IMPORT_REJECTED'],
      ['CSV, 1,000,000 columns', 400, 'INVALID_FILE'],
      ['CSV, one 19 MB line', 400, 'INVALID_FILE'],
      ['JSON nested 20,000 deep', 400, 'BODY_TOO_DEEP'],
    ]);
    // Nothing is echoed back at length.
    for (const o of outcomes) expect(o.bodyBytes).toBeLessThan(4096);
    expect(await counts(db)).toEqual(before);
  }, 60_000);

  it('says why: the limits and where they were met', async () => {
    const honest = await upload('x', '/api/v1/schools/import', xlsxBomb(300 * MiB), 'schools.xlsx');
    expect(honest.message).toBe('the workbook is too large uncompressed: row 1: xl/worksheets/sheet1.xml expands to 300 MB, more than the 200 MB an upload may expand to');
    const lying = await upload('x', '/api/v1/schools/import', xlsxBomb(300 * MiB, 5 * MiB), 'schools.xlsx');
    expect(lying.message).toBe("the workbook is too large uncompressed: row 1: xl/worksheets/sheet1.xml expands to more than the 5242880 bytes the archive's directory declares");
    const wide = await admin.upload('/api/v1/schools/import', `${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n`, 'schools.csv');
    expect(wide.body.details).toEqual([{ row: 1, reason: 'row has more than 1000 cells' }]);
    const long = await admin.upload(`/api/v1/literacy/assessments/${assessmentId}/results/import`, `student_id,${'x'.repeat(70_000)}\n`, 'r.csv');
    expect(long.body.details).toEqual([{ row: 1, reason: 'line is longer than 65536 bytes' }]);
    // A header that is long but within the line limit comes back as an excerpt, not whole.
    const named = await admin.upload(`/api/v1/literacy/assessments/${assessmentId}/results/import`, `student_id,school_id,grade,class,${'가'.repeat(20_000)}\n`, 'r.csv');
    expect(named.status).toBe(400);
    expect(JSON.stringify(named.body).length).toBeLessThan(4096);
    expect(named.body.details).toContainEqual({ row: 1, column: `${'가'.repeat(40)}…`, reason: 'not an item of this assessment nor a known column' });
  }, 30_000);

  it('reads at most two files at a time; a flood beyond the eight that may wait gets 503 with Retry-After', async () => {
    // A real 60,000-row workbook (about 2 MB, read in a few hundred ms) whose columns the importer then refuses.
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c><c r="B${i + 2}" t="inlineStr"><is><t>학교${i}</t></is></c></row>`).join('');
    const sheet = part('xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>번호</t></is></c><c r="B1" t="inlineStr"><is><t>이름</t></is></c></row>${rows}</sheetData></worksheet>`);
    const workbook = buildZip(workbookParts(sheet));
    const outcomes = await Promise.all(Array.from({ length: 16 }, (_, i) => upload(`flood ${i}`, '/api/v1/schools/import', workbook, 'schools.xlsx')));
    const busy = outcomes.filter((o) => o.status === 503);
    console.log(`16 uploads at once: ${outcomes.length - busy.length} read (${[...new Set(outcomes.filter((o) => o.status !== 503).map((o) => `${o.status} ${o.code}`))].join(', ')}), ${busy.length} turned away with 503; slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(outcomes.length - busy.length).toBeLessThanOrEqual(10);
    for (const o of busy) expect(o).toMatchObject({ code: 'UPLOADS_BUSY', retryAfter: '5' });
    for (const o of outcomes.filter((x) => x.status !== 503)) expect(o).toMatchObject({ status: 400, code: 'INVALID_FILE' });
  }, 60_000);

  it('refuses JSON bodies with too many elements before validation builds an error for each', async () => {
    const many = await send('many', '/api/v1/training/courses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"sessions":[${Array(300_000).fill('{}').join(',')}]}` });
    expect(many).toMatchObject({ status: 400, code: 'BODY_TOO_COMPLEX' });
    // Within the limits, a body wrong everywhere gets a bounded list; unknown names are cut short.
    const wrong = await admin.post('/api/v1/training/courses', { sessions: Array(5000).fill({}), ['x'.repeat(10_000)]: 1 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(wrong.body).length).toBeLessThan(30_000);
    // And the api still does its job.
    expect((await admin.get('/api/health')).status).toBe(200);
  }, 30_000);
});
