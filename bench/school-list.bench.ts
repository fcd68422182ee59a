/**
 * Throughput of `GET /api/v1/schools?pageSize=50` as a city admin: the real api (NestJS + Fastify +
 * TypeORM, auth guard, validation pipe, exception filter) against a bare Fastify + pg server that
 * runs the same SQL and returns the same JSON with nothing else around it. The ratio between the
 * two is the cost of the framework stack on this endpoint.
 *
 *   npm run build && npm run bench
 *
 * Environment (all optional):
 *   BENCH_SECONDS          measured seconds per run (default 10)
 *   BENCH_WARMUP_SECONDS   warm-up seconds before every measured run (default 3)
 *   BENCH_ROUNDS           rounds of (baseline, api) (default 2)
 *   BENCH_CONNECTIONS      concurrent connections (default 50)
 *   BENCH_WORKERS          autocannon worker threads; 0 runs the load generator on the main thread (default 1)
 *   BENCH_PG_URL           admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_REDIS_URL        default redis://127.0.0.1:6379
 */
import 'reflect-metadata';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { fastify, type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { SUMMARY_SELECT } from '@app/schools';
import { envInt, loadAvg, median, num, runBench, startBenchApi, table, withBenchRun, writeResults } from './bench-db';

const PATH = '/api/v1/schools?pageSize=50';
const POOL_SIZE = 10;
const SECONDS = envInt('BENCH_SECONDS', 10, 1);
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 3, 0);
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50, 1);
const WORKERS = envInt('BENCH_WORKERS', 1, 0);

/** SchoolsService.list for a city admin with no filters: scope `TRUE`, then $1 = limit, $2 = offset. */
const LIST_SQL = `SELECT *, count(*) OVER () AS total FROM (${SUMMARY_SELECT} WHERE TRUE) x
       ORDER BY x.name, x.id LIMIT $1 OFFSET $2`;

type TargetKey = 'baseline' | 'api';
const LABEL: Record<TargetKey, string> = { baseline: 'bare fastify+pg', api: 'api (nest+typeorm)' };

interface Target {
  key: TargetKey;
  url: string;
  headers: Record<string, string>;
}

interface RunFigures {
  round: number;
  target: TargetKey;
  requestsPerSec: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyAvgMs: number;
  latencyMaxMs: number;
  throughputMBps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface Summary {
  runs: number;
  best: { requestsPerSec: number; latencyP50Ms: number; latencyP99Ms: number };
  median: { requestsPerSec: number; latencyP50Ms: number; latencyP99Ms: number };
}

interface Page {
  items: { id: number }[];
  total: number;
  page: number;
  pageSize: number;
}

/** The same query, pool size and response shape as the api, with no auth, validation, filters or logging. */
async function startBaseline(databaseUrl: string): Promise<{ server: FastifyInstance; pool: Pool; url: string }> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const server = fastify({ logger: false });
  server.get('/api/v1/schools', async (req) => {
    const q = req.query as { page?: string; pageSize?: string };
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 50);
    const { rows } = await pool.query<{ id: number; total: string }>(LIST_SQL, [pageSize, (page - 1) * pageSize]);
    const total = rows.length ? Number(rows[0].total) : 0;
    return { items: rows.map(({ total: _, ...r }) => r), total, page, pageSize };
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as { port: number };
  return { server, pool, url: `http://127.0.0.1:${port}` };
}

async function getJson(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** Both servers must answer 200 with the same page before their speed means anything. */
async function verify(targets: Record<TargetKey, Target>): Promise<Page> {
  const [base, api] = await Promise.all([getJson(targets.baseline.url, targets.baseline.headers), getJson(targets.api.url, targets.api.headers)]);
  const fail = (why: string): never => {
    throw new Error(`VERIFY FAILED: ${why}\n  baseline ${base.status}: ${base.text.slice(0, 300)}\n  api      ${api.status}: ${api.text.slice(0, 300)}`);
  };
  if (base.status !== 200) fail(`baseline answered ${base.status}`);
  if (api.status !== 200) fail(`api answered ${api.status}`);
  const b = base.body as Page;
  const a = api.body as Page;
  if (!Array.isArray(b?.items) || !Array.isArray(a?.items)) fail('a response has no items array');
  if (typeof a.total !== 'number' || a.total !== b.total) fail(`total differs: baseline ${b.total}, api ${a.total}`);
  if (!a.items.length) fail('the api returned no schools (were the 284 seeded schools loaded?)');
  if (a.items[0]?.id !== b.items[0]?.id) fail(`first item id differs: baseline ${b.items[0]?.id}, api ${a.items[0]?.id}`);
  if (a.items.length !== b.items.length) fail(`item count differs: baseline ${b.items.length}, api ${a.items.length}`);
  // Same bytes on the wire, or the comparison is not like for like.
  if (base.text !== api.text) fail('the response bodies differ');
  return a;
}

async function load(target: Target, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: 'GET',
    headers: target.headers,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    // A worker thread keeps the load generator off the event loop of the servers under test.
    ...(WORKERS > 0 ? { workers: WORKERS } : {}),
  });
}

/**
 * When autocannon stops it drops its sockets, but the requests already accepted keep running
 * (up to one per connection). Let them finish before the next run starts or the api closes.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

function figures(round: number, target: TargetKey, r: autocannon.Result): RunFigures {
  return {
    round,
    target,
    requestsPerSec: r.requests.average,
    requests: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: r.latency.average,
    latencyMaxMs: r.latency.max,
    throughputMBps: r.throughput.average / 1e6,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

function summarize(runs: RunFigures[]): Summary {
  const best = runs.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));
  return {
    runs: runs.length,
    best: { requestsPerSec: best.requestsPerSec, latencyP50Ms: best.latencyP50Ms, latencyP99Ms: best.latencyP99Ms },
    median: {
      requestsPerSec: median(runs.map((r) => r.requestsPerSec)),
      latencyP50Ms: median(runs.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(runs.map((r) => r.latencyP99Ms)),
    },
  };
}

async function main(): Promise<number> {
  return withBenchRun(async ({ dbName, databaseUrl, queuePrefix, migrations, startedAt, closeAtEnd }) => {
    const bench = await startBenchApi(databaseUrl, queuePrefix, POOL_SIZE);
    closeAtEnd('api', () => bench.app.close());
    const apiBase = bench.baseUrl;
    const login = await fetch(`${apiBase}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: bench.admin.email, password: bench.admin.password }),
    });
    const loginBody = (await login.json()) as { accessToken?: string };
    if (login.status !== 200 || !loginBody.accessToken) throw new Error(`login failed: ${login.status} ${JSON.stringify(loginBody)}`);

    const baseline = await startBaseline(databaseUrl);
    closeAtEnd('baseline', async () => {
      await baseline.server.close();
      await baseline.pool.end();
    });
    const targets: Record<TargetKey, Target> = {
      baseline: { key: 'baseline', url: `${baseline.url}${PATH}`, headers: {} },
      api: { key: 'api', url: `${apiBase}${PATH}`, headers: { authorization: `Bearer ${loginBody.accessToken}` } },
    };
    const page = await verify(targets);

    const cores = availableParallelism();
    console.log(`database ${dbName} (${migrations.length} migrations, ${page.total} schools) ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    console.log(`verified: both answer 200, total ${page.total}, first id ${page.items[0].id}, identical bodies`);
    console.log(
      `GET ${PATH}: ${CONNECTIONS} connections, pool ${POOL_SIZE}, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per run, ` +
        `${ROUNDS} round(s), load generator ${WORKERS > 0 ? `in ${WORKERS} worker thread(s)` : 'on the main thread'}; ` +
        `node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), load average ${loadAvg()}\n`,
    );

    const runs: RunFigures[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const key of ['baseline', 'api'] as const) {
        const target = targets[key];
        await settle();
        if (WARMUP_SECONDS > 0) await load(target, WARMUP_SECONDS);
        const result = await load(target, SECONDS);
        const f = figures(round, key, result);
        runs.push(f);
        console.log(
          `  round ${round} ${LABEL[key].padEnd(18)} ${num(f.requestsPerSec).padStart(7)} req/s  p50 ${num(f.latencyP50Ms)} ms  p99 ${num(f.latencyP99Ms)} ms`,
        );
        if (f.errors || f.timeouts || f.non2xx) {
          throw new Error(`${LABEL[key]} round ${round}: ${f.errors} errors, ${f.timeouts} timeouts, ${f.non2xx} non-2xx responses`);
        }
      }
    }

    await settle();
    const loadAfter = loadAvg();

    const summary = {
      baseline: summarize(runs.filter((r) => r.target === 'baseline')),
      api: summarize(runs.filter((r) => r.target === 'api')),
    };
    const ratio = {
      median: summary.api.median.requestsPerSec / summary.baseline.median.requestsPerSec,
      best: summary.api.best.requestsPerSec / summary.baseline.best.requestsPerSec,
    };

    console.log('\n' + table(
      ['target', 'req/s median', 'req/s best', 'p50 ms', 'p99 ms'],
      (['baseline', 'api'] as const).map((k) => [
        LABEL[k],
        num(summary[k].median.requestsPerSec),
        num(summary[k].best.requestsPerSec),
        num(summary[k].median.latencyP50Ms),
        num(summary[k].median.latencyP99Ms),
      ]),
    ));
    console.log(`(latencies: median over runs; load average at the end ${loadAfter} — other work on the machine skews the figures)\n`);
    console.log(`ratio (api / bare fastify+pg): ${ratio.median.toFixed(2)}  (best runs: ${ratio.best.toFixed(2)})`);

    writeResults('school-list', {
      request: `GET ${PATH}`,
      settings: { connections: CONNECTIONS, poolSize: POOL_SIZE, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, rounds: ROUNDS, workers: WORKERS },
      verified: { total: page.total, firstId: page.items[0].id },
      runs,
      summary,
      ratio,
    });
    return 0;
  });
}

runBench(main);
