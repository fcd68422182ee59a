/**
 * Memory of the api process (issue 16: RSS ≤ 300 MB under every benchmark): the real api
 * (`startBenchApi`, as the other benches start it) runs in a child process of its own, so its RSS is
 * the api's alone (not the load generator's or the migrations'). The script prints the child's RSS
 * at rest (after start, after a full GC), then runs autocannon on `GET /api/v1/schools?pageSize=50`
 * as a city admin (as school-list does) while sampling the child's RSS from /proc, and prints the
 * peak, then the RSS at rest again. Then it uploads a training-completion CSV of `BENCH_IMPORT_ROWS`
 * rows (as training-import's, 20,000 teachers × 5 of 20 courses) to
 * `POST /api/v1/training/completions/import` and prints the peak RSS during the import.
 *
 *   npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && node dist/bench/api-memory.js
 *
 * Environment (all optional, besides those of bench-db.ts):
 *   BENCH_REQUESTS         requests of load (default 10000; a count, not a duration, so that a busy
 *                          machine serving fewer per second does not make the api look smaller)
 *   BENCH_CONNECTIONS      concurrent connections (default 100)
 *   BENCH_POOL_SIZE        the api's database pool (default 10)
 *   BENCH_IMPORT_ROWS      rows of the uploaded completion CSV (default 100000; 0: no import)
 *   BENCH_API_NODE_OPTIONS extra node flags for the api process, e.g. `--max-semi-space-size=4`
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ApiProcess, MB, peakRss, procRss, type Usage } from './api-process';
import { envInt, num, runBench, table, withBenchRun, writeResults } from './bench-db';

const PATH = '/api/v1/schools?pageSize=50';
const REQUESTS = envInt('BENCH_REQUESTS', 10_000, 1);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 100, 1);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 1);
const IMPORT_ROWS = envInt('BENCH_IMPORT_ROWS', 100_000, 0);
const NODE_FLAGS = (process.env.BENCH_API_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
const mb = (bytes: number) => num(bytes / MB, 1);

/** As training-import.bench.ts: 20 courses, `rows` completions of teachers taking 5 of them each. */
async function completionCsv(baseUrl: string, headers: Record<string, string>, rows: number): Promise<string> {
  const codes: { code: string; hours: number }[] = [];
  for (let i = 0; i < 20; i++) {
    const basic = i < 10;
    const no = String((i % 10) + 1).padStart(2, '0');
    const hours = i % 3 === 0 ? 7.5 : 15;
    const title = `${basic ? 'AI 교육 기초' : '생성형 AI 수업 활용'} ${no}`;
    const body = {
      code: `BENCH-${basic ? 'B' : 'A'}-${no}`,
      schoolYear: 2025,
      title,
      level: basic ? 'basic' : 'applied',
      deliveryMode: 'remote',
      audience: ['teacher'],
      creditHours: hours,
      description: `${title} 연수`,
      criteria: `${title} 과정의 출석 및 과제 기준을 충족함`,
    };
    const res = await fetch(`${baseUrl}/api/v1/training/courses`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`creating course ${body.code}: ${res.status} ${await res.text()}`);
    codes.push({ code: body.code, hours });
  }
  const lines = ['participant_id,name,email,kind,neis_school_code,course_code,session_code,completed_on,hours'];
  const firstDay = Date.UTC(2025, 3, 1);
  const days = (Date.UTC(2026, 1, 28) - firstDay) / 86_400_000 + 1;
  for (let n = 0; n < rows; n++) {
    const p = Math.floor(n / 5);
    const k = n % 5;
    const course = codes[(p + k * 4) % 20];
    const id = `T${String(p + 1).padStart(6, '0')}`;
    const day = new Date(firstDay + ((p * 7 + k * 53) % days) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${id},교원${p},${id.toLowerCase()}@bench.sen.go.kr,교원,,${course.code},,${day},${course.hours}`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<number> {
  return withBenchRun(async ({ dbName, databaseUrl, queuePrefix, closeAtEnd }) => {
    const { api, ready } = await ApiProcess.start(databaseUrl, queuePrefix, { poolSize: POOL_SIZE, nodeFlags: NODE_FLAGS });
    closeAtEnd('api process', () => api.close());
    const pid = api.child.pid!;

    const atStart = await api.usage(true);
    const login = await fetch(`${ready.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ready.email, password: ready.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken?: string };
    if (login.status !== 200 || !accessToken) throw new Error(`login failed: ${login.status}`);
    const headers = { authorization: `Bearer ${accessToken}` };
    const first = await fetch(`${ready.baseUrl}${PATH}`, { headers });
    if (first.status !== 200) throw new Error(`GET ${PATH} answered ${first.status}`);
    await first.text();
    const atRest = await api.usage(true);

    console.log(`database ${dbName}; api pid ${pid}, node flags ${NODE_FLAGS.join(' ') || '(none)'}, pool ${POOL_SIZE}`);
    console.log(`GET ${PATH}: ${num(REQUESTS)} requests over ${CONNECTIONS} connections`);

    let peak = 0;
    const samples: number[] = [];
    const loadStart = Date.now();
    const perSecond: number[] = [];
    const sampler = setInterval(() => {
      const r = procRss(pid);
      if (r) {
        samples.push(r.rss);
        peak = Math.max(peak, r.rss);
        const s = Math.floor((Date.now() - loadStart) / 1000);
        perSecond[s] = Math.max(perSecond[s] ?? 0, r.rss);
      }
    }, 50);
    const result = await autocannon({ url: `${ready.baseUrl}${PATH}`, headers, connections: CONNECTIONS, amount: REQUESTS, timeout: 10, workers: 1 });
    clearInterval(sampler);
    const underLoad = await api.usage(false);
    await new Promise((r) => setTimeout(r, 1000));
    const afterLoad = await api.usage(true);
    const proc = procRss(pid);
    if (result.errors || result.timeouts || result.non2xx) throw new Error(`load: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);

    let importFigures: { rows: number; seconds: number; peak: number; perSecond: number[]; afterGc: Usage } | null = null;
    if (IMPORT_ROWS > 0) {
      const csv = await completionCsv(ready.baseUrl, headers, IMPORT_ROWS);
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
      const t0 = Date.now();
      const run = await peakRss(pid, async () => {
        const res = await fetch(`${ready.baseUrl}/api/v1/training/completions/import`, { method: 'POST', headers, body: form });
        return { status: res.status, body: await res.text() };
      });
      if (run.result.status !== 201 && run.result.status !== 200) throw new Error(`import: ${run.result.status} ${run.result.body.slice(0, 300)}`);
      const afterGc = (await api.usage(true)).usage;
      importFigures = { rows: IMPORT_ROWS, seconds: (Date.now() - t0) / 1000, peak: run.peak, perSecond: run.perSecond, afterGc };
    }

    const row = (label: string, u: Usage) => [label, mb(u.rss), mb(u.heapTotal), mb(u.heapUsed), mb(u.external), mb(u.arrayBuffers)];
    console.log(
      '\n' +
        table(
          ['api process', 'RSS MB', 'heap total', 'heap used', 'external', 'array buffers'],
          [
            row('at start (after GC)', atStart.usage),
            row('at rest, first request served (after GC)', atRest.usage),
            row('end of load (no GC)', underLoad.usage),
            row('after load (after GC)', afterLoad.usage),
            ...(importFigures ? [row(`after the ${num(importFigures.rows)}-row import (after GC)`, importFigures.afterGc)] : []),
          ],
        ),
    );
    console.log(`\npeak RSS under load: ${mb(peak)} MB (${samples.length} samples; VmHWM since start ${proc ? mb(proc.hwm) : '?'} MB)`);
    console.log(`peak RSS per second of load (MB): ${perSecond.map((b) => Math.round(b / MB)).join(' ')}`);
    if (importFigures) {
      console.log(`peak RSS during the ${num(importFigures.rows)}-row completion import (${importFigures.seconds.toFixed(1)} s): ${mb(importFigures.peak)} MB`);
      console.log(`  per second (MB): ${importFigures.perSecond.map((b) => Math.round(b / MB)).join(' ')}`);
    }
    console.log(`${num(result.requests.average)} req/s, p99 ${result.latency.p99} ms; CommonJS modules loaded at rest: ${atRest.modules}`);

    writeResults('api-memory', {
      request: `GET ${PATH}`,
      settings: { connections: CONNECTIONS, requests: REQUESTS, poolSize: POOL_SIZE, importRows: IMPORT_ROWS, nodeFlags: NODE_FLAGS },
      peakRssPerSecondMB: perSecond.map((b) => Math.round(b / MB)),
      rssMB: { atStart: atStart.usage.rss / MB, atRest: atRest.usage.rss / MB, peakUnderLoad: peak / MB, afterLoad: afterLoad.usage.rss / MB, hwm: proc ? proc.hwm / MB : null },
      usage: { atStart: atStart.usage, atRest: atRest.usage, underLoad: underLoad.usage, afterLoad: afterLoad.usage },
      modulesAtRest: atRest.modules,
      import: importFigures && { rows: importFigures.rows, seconds: importFigures.seconds, peakRssMB: importFigures.peak / MB, peakRssPerSecondMB: importFigures.perSecond.map((b) => Math.round(b / MB)), afterGc: importFigures.afterGc },
      requestsPerSec: result.requests.average,
      latencyP99Ms: result.latency.p99,
    });
    return 0;
  });
}

runBench(main);
