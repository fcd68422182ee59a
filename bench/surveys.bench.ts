/**
 * Surveys (issue 5), each product path beside a bare version of the same work, in one process:
 *
 *   submit     POST /api/v1/surveys/respond/:code/submit with a fresh one-time code per request,
 *              through the real api, against a bare Fastify + pg route running the same one
 *              statement (`survey_submit`: lock the code, idempotency check, insert the response,
 *              mark the code used, delete the draft) with no framework, Redis check or answer
 *              validation, at a fixed rate (BENCH_RATE); p50/p99 and round trips per submission;
 *   aggregate  `SurveyAggregationService.recompute` of one campaign with BENCH_RESPONSES responses
 *              over every seeded school, against one hand-written SQL query computing the same
 *              figures per school, district, office and city.
 *
 *   npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && node dist/bench/surveys.bench.js
 *
 * Environment (all optional):
 *   BENCH_SUBMISSIONS         submissions per measured run (default 6000)
 *   BENCH_WARMUP_SUBMISSIONS  submissions before every measured run (default 900)
 *   BENCH_RATE                submissions per second offered (default 300; 0: as fast as they answer)
 *   BENCH_ROUNDS              rounds of (bare, api) submitting (default 3)
 *   BENCH_CONNECTIONS         concurrent connections (default 50)
 *   BENCH_WORKERS             autocannon in a worker thread (1, default) or on the main thread (0)
 *   BENCH_RESPONSES           responses generated for the aggregation (default 500000)
 *   BENCH_AGG_ROUNDS          rounds of (hand-written query, product) aggregating (default 3)
 *   BENCH_ONLY                submit | aggregate: one part only
 *   BENCH_PG_URL, BENCH_REDIS_URL as for the other benchmarks
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { fastify, type FastifyInstance } from 'fastify';
import { Client, Pool } from 'pg';
import { AppConfig, copyRows } from '@app/core';
import { scopedIdempotencyKey, SurveyTemplatesService } from '@app/surveys';
import { SurveyAggregationService } from '@app/surveys/aggregation/survey-aggregation.service';
import { CampaignsService } from '@app/surveys/campaigns/campaigns.service';
import { SurveyCodeHash } from '@app/surveys/campaigns/code-batches.service';
import { normal, rng } from '@app/literacy/analysis/simulate.fixture';
import { validateAnswers } from '@app/surveys/engine';
import { RespondService, SUBMIT_SQL, type SubmitOutcome } from '@app/surveys/respond/respond.service';
import { envInt, loadAvg, median, num, runBench, startBenchApi, table, withBenchRun, writeResults, type BenchApi, type BenchRun } from './bench-db';
import { BENCH_TEMPLATE, NEUTRAL, schoolLean, submitAnswers, submitCode, submitPath, surveyAnswers, type SchoolLean, type SubmitContext } from './survey-fixture';
import setupRequest = require('./survey-submit-request');

const SUBMISSIONS = envInt('BENCH_SUBMISSIONS', 6_000, 1);
const WARMUP_SUBMISSIONS = envInt('BENCH_WARMUP_SUBMISSIONS', 900, 0);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50, 1);
const WORKERS = envInt('BENCH_WORKERS', 1, 0);
/** Submissions per second offered to each target (autocannon `overallRate`); 0: as fast as they answer. */
const RATE = envInt('BENCH_RATE', 300, 0);
const RESPONSES = envInt('BENCH_RESPONSES', 500_000, 1);
const AGG_ROUNDS = envInt('BENCH_AGG_ROUNDS', 3, 1);
const ONLY = process.env.BENCH_ONLY || undefined;
const POOL_SIZE = 10;
const DAY = 86_400_000;

/**
 * Every statement any pg client in this process sends (the api's TypeORM pool, the baseline's pool
 * and the script's own): one `Client.query` is one round trip to PostgreSQL (a parameterised query
 * goes out as Parse/Bind/Execute/Sync in one write). Only one target is loaded at a time.
 */
let pgQueries = 0;
{
  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    pgQueries++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

type Target = 'baseline' | 'api';
const LABEL: Record<Target, string> = { baseline: 'bare fastify+pg', api: 'api (nest+typeorm)' };

/**
 * RespondService.submit's durable work, as it does it: one statement, `SUBMIT_SQL` (the function
 * `survey_submit`: lock the code, idempotency check, insert the response, mark the code used,
 * delete the draft), one round trip on the pool. Like the product it sends the answers keyed by
 * every template version it knows, and learns a version it does not know from the function's
 * answer (a second round trip once). Not done: the Redis wrong-code check, DTO and answer
 * validation (the answers are stored as sent; the benchmark only sends answers that validation
 * leaves unchanged).
 */
/** The codes' keyed hash, under the run's secret (set once the api is up); the baseline computes it too. */
let hashCode: (code: string) => string = () => {
  throw new Error('hashCode used before the api started');
};

async function startBaseline(databaseUrl: string): Promise<{ server: FastifyInstance; pool: Pool; url: string }> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const server = fastify({ logger: false });
  const versions = new Set<number>();
  server.post('/api/v1/surveys/respond/:code/submit', async (req, reply) => {
    const { code } = req.params as { code: string };
    const { answers, idempotencyKey } = req.body as { answers: object; idempotencyKey: string };
    const refuse = (status: number, code: string) => {
      void reply.code(status);
      return { code };
    };
    const codeHash = hashCode(code);
    const key = scopedIdempotencyKey(`code:${codeHash}`, idempotencyKey);
    for (;;) {
      const byVersion = Object.fromEntries([...versions].map((v) => [v, answers]));
      const { rows: [r] } = await pool.query<SubmitOutcome>(SUBMIT_SQL, [codeHash, key, JSON.stringify(byVersion), new Date()]);
      switch (r.outcome) {
        case 'not_found':
          return refuse(404, 'NOT_FOUND');
        case 'used':
          return refuse(409, 'CODE_USED');
        case 'closed':
          return refuse(409, 'SURVEY_CLOSED');
        case 'invalid':
          return refuse(400, 'INVALID_ANSWERS');
        case 'repeated':
        case 'submitted':
          return { responseId: r.responseId, submittedOn: r.submittedOn, repeated: r.outcome === 'repeated' };
        case 'unknown_version':
          if (versions.has(r.versionId!)) throw new Error(`survey_submit did not take the answers for version ${r.versionId}`);
          versions.add(r.versionId!);
      }
    }
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as { port: number };
  return { server, pool, url: `http://127.0.0.1:${port}` };
}

/**
 * One hand-written query for what `recompute` stores per group: respondents `n`, and per question
 * `answered`, `counts` per option (likert5, single, multiple), `mean`/`sd` (likert5, numeric) and
 * `meanRank` per option (ranking), rounded as the product rounds. One pass expands the answers into
 * per-school cells (question, value, how many chose it, how many answered, sum of positions); each
 * school's cells are then added into its school, district, office and the city, and means and sds
 * come from the per-value counts (Σx, Σx²). Question types come from the campaign's frozen version.
 */
const HAND_SQL = `
WITH questions AS (
  SELECT q->>'id' AS qid, q->>'type' IN ('likert5', 'single', 'multiple') AS counted, q->>'type' IN ('likert5', 'numeric') AS measured,
         q->>'type' = 'ranking' AS ranked
  FROM survey_campaigns c JOIN survey_template_versions v ON v.id = c.template_version_id
  CROSS JOIN LATERAL jsonb_path_query(v.definition, '$.sections[*].questions[*]') q
  WHERE c.id = $1
), cells AS (
  SELECT r.school_id, a.key AS qid,
         CASE WHEN a.key IN (SELECT qid FROM questions WHERE counted OR measured OR ranked) THEN e.value END AS value,
         count(*) AS chosen, count(*) FILTER (WHERE e.i = 1) AS answered, sum(e.i) AS positions
  FROM survey_responses r
  CROSS JOIN LATERAL jsonb_each(r.answers) a
  CROSS JOIN LATERAL jsonb_array_elements_text(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE jsonb_build_array(a.value) END) WITH ORDINALITY e(value, i)
  WHERE r.campaign_id = $1
  GROUP BY 1, 2, 3
), levels AS (
  SELECT s.id AS school_id, x.level, x.key
  FROM schools s JOIN districts d ON d.name = s.district
  CROSS JOIN LATERAL (VALUES ('school', s.id::text), ('district', s.district), ('office', d.office_code), ('city', 'all')) x(level, key)
), per_value AS (
  SELECT l.level, l.key, c.qid, c.value, sum(c.chosen) AS chosen, sum(c.answered) AS answered, sum(c.positions) AS positions
  FROM cells c JOIN levels l USING (school_id)
  GROUP BY 1, 2, 3, 4
), per_question AS (
  SELECT p.level, p.key, p.qid, q.counted, q.measured, q.ranked, sum(p.answered) AS answered,
         jsonb_object_agg(p.value, p.chosen) FILTER (WHERE q.counted) AS counts,
         jsonb_object_agg(p.value, round(p.positions / p.chosen, 4)) FILTER (WHERE q.ranked) AS mean_rank,
         sum(p.chosen) FILTER (WHERE q.measured) AS n,
         sum(p.value::numeric * p.chosen) FILTER (WHERE q.measured) AS sx,
         sum(p.value::numeric * p.value::numeric * p.chosen) FILTER (WHERE q.measured) AS sxx
  FROM per_value p JOIN questions q USING (qid)
  GROUP BY 1, 2, 3, 4, 5, 6
), respondents AS (
  SELECT l.level, l.key, count(*)::int AS n
  FROM survey_responses r JOIN levels l USING (school_id) WHERE r.campaign_id = $1
  GROUP BY 1, 2
)
SELECT g.level, g.key, g.n,
       coalesce(jsonb_object_agg(p.qid, jsonb_build_object('answered', p.answered)
         || CASE WHEN p.counted THEN jsonb_build_object('counts', p.counts) ELSE '{}' END
         || CASE WHEN p.measured THEN jsonb_build_object('mean', round(p.sx / p.n, 4),
              'sd', CASE WHEN p.n > 1 THEN round(sqrt((p.n * p.sxx - p.sx * p.sx) / (p.n * (p.n - 1))), 4) END) ELSE '{}' END
         || CASE WHEN p.ranked THEN jsonb_build_object('meanRank', p.mean_rank) ELSE '{}' END)
         FILTER (WHERE p.qid IS NOT NULL), '{}') AS questions
FROM respondents g LEFT JOIN per_question p USING (level, key)
GROUP BY g.level, g.key, g.n`;

interface Group {
  level: string;
  key: string;
  n: number;
  questions: Record<string, { answered: number; counts?: Record<string, number>; mean?: number | null; sd?: number | null; meanRank?: Record<string, number> }>;
}

const since = (t0: number) => performance.now() - t0;
/** Requests autocannon dropped at the end of a run may still be running; let them finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function main(): Promise<number> {
  if (WORKERS > 1) throw new Error('BENCH_WORKERS must be 0 or 1: every worker would count codes from 0 and reuse them');
  if (ONLY && ONLY !== 'submit' && ONLY !== 'aggregate') throw new Error(`BENCH_ONLY must be submit or aggregate (got ${ONLY})`);
  return withBenchRun(async (run) => {
    const bench = await startBenchApi(run.databaseUrl, run.queuePrefix, POOL_SIZE);
    run.closeAtEnd('api', () => bench.app.close());
    const codeHash = new SurveyCodeHash(bench.app.get(AppConfig).badgeKeySecret);
    hashCode = (code) => codeHash.hash(code);
    const db = new Pool({ connectionString: run.databaseUrl, max: 2 });
    run.closeAtEnd('database pool', () => db.end());
    const actor = bench.admin.user;

    // Every answer the benchmark sends or loads is exactly what validation would store.
    const random = rng(7);
    for (let i = 0; i < 2_000; i++) {
      const answers = surveyAnswers(random, i % 2 ? NEUTRAL : schoolLean(random));
      const { problems, cleaned } = validateAnswers(BENCH_TEMPLATE, answers, { partial: false });
      if (problems.length || !isDeepStrictEqual(cleaned, answers)) throw new Error(`generated answers are not as stored: ${JSON.stringify({ answers, problems, cleaned })}`);
    }
    const template = await bench.app.get(SurveyTemplatesService).create({ kind: 'satisfaction', definition: BENCH_TEMPLATE as unknown as Record<string, unknown> }, actor);
    const newCampaign = async (title: string): Promise<{ id: number; schools: number[] }> => {
      const { id } = await bench.app.get(CampaignsService).create(
        { templateId: template.id, title, audience: 'students', opensAt: new Date(Date.now() - 20 * DAY).toISOString(), closesAt: new Date(Date.now() + 10 * DAY).toISOString(), target: {} },
        actor,
      );
      const { rows } = await db.query<{ school_id: number }>(`SELECT school_id FROM survey_campaign_schools WHERE campaign_id = $1 ORDER BY school_id`, [id]);
      return { id, schools: rows.map((r) => r.school_id) };
    };
    console.log(
      `database ${run.dbName} (${run.migrations.length} migrations) ready in ${(since(run.startedAt) / 1000).toFixed(1)} s; ` +
        `node ${process.version}, load average ${loadAvg()}\n`,
    );

    const results: Record<string, unknown> = {};
    if (ONLY !== 'aggregate') results.submit = await submitPart(run, bench, db, await newCampaign('벤치마크: 응답 제출'));
    if (ONLY !== 'submit') results.aggregate = await aggregatePart(bench, db, await newCampaign('벤치마크: 집계'));
    writeResults('surveys', { settings: { submissions: SUBMISSIONS, warmupSubmissions: WARMUP_SUBMISSIONS, rate: RATE, rounds: ROUNDS, connections: CONNECTIONS, workers: WORKERS, poolSize: POOL_SIZE, responses: RESPONSES, aggRounds: AGG_ROUNDS }, ...results });
    return 0;
  });
}

async function submitPart(run: BenchRun, bench: BenchApi, db: Pool, campaign: { id: number; schools: number[] }) {
  const baseline = await startBaseline(run.databaseUrl);
  run.closeAtEnd('baseline', async () => {
    await baseline.server.close();
    await baseline.pool.end();
  });
  const urls: Record<Target, string> = { baseline: baseline.url, api: bench.baseUrl };

  /** Codes `submitCode(prefix, 0 … count-1)`, spread over the campaign's schools; only their hashes are stored, as the product does. */
  const insertCodes = async (prefix: string, count: number) => {
    const client = await db.connect();
    try {
      await copyRows(client, 'survey_codes', ['code_hash', 'campaign_id', 'school_id'], (function* () {
        for (let n = 0; n < count; n++) yield [hashCode(submitCode(prefix, n)), campaign.id, campaign.schools[n % campaign.schools.length]];
      })());
    } finally {
      client.release();
    }
  };
  const post = async (target: Target, prefix: string, n: number, idempotencyKey: string) => {
    const body = JSON.stringify({ answers: submitAnswers(n), idempotencyKey });
    const res = await fetch(`${urls[target]}${submitPath(submitCode(prefix, n))}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as { responseId?: string; submittedOn?: string; repeated?: boolean } };
  };

  const roundTrips: Record<Target, Record<string, number>> = { baseline: {}, api: {} };
  // Both paths, given the same answers on codes of the same school with a saved draft, must store
  // the same row, use the code, drop the draft, answer a retry with the first result and refuse a reused code.
  {
    const fail = (why: string): never => {
      throw new Error(`VERIFY FAILED (submit): ${why}`);
    };
    const stored: Record<Target, unknown> = { baseline: null, api: null };
    const counted = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
      const before = pgQueries;
      const result = await work();
      return [result, pgQueries - before];
    };
    for (const target of ['baseline', 'api'] as const) {
      const prefix = `v${target}`;
      await insertCodes(prefix, 2);
      await bench.app.get(RespondService).saveDraft(submitCode(prefix, 0), { satisfied: 4 });
      // Stored keys are bound to the code, so each path may use the same client key.
      const key = 'verify-key';
      const [first, firstTrips] = await counted(() => post(target, prefix, 0, key));
      if (first.status !== 200 || first.body.repeated !== false || !first.body.responseId) fail(`${target}: first submission answered ${first.status} ${JSON.stringify(first.body)}`);
      const [retry, retryTrips] = await counted(() => post(target, prefix, 0, key));
      if (retry.status !== 200 || retry.body.repeated !== true || retry.body.responseId !== first.body.responseId) fail(`${target}: the retry answered ${retry.status} ${JSON.stringify(retry.body)}`);
      const [reused, reusedTrips] = await counted(() => post(target, prefix, 0, `${key}-again`));
      if (reused.status !== 409) fail(`${target}: a used code answered ${reused.status}`);
      // A second fresh code: the first submission of a process may also fetch the campaign's version.
      const [second, secondTrips] = await counted(() => post(target, prefix, 1, key));
      if (second.status !== 200 || second.body.repeated !== false) fail(`${target}: second submission answered ${second.status} ${JSON.stringify(second.body)}`);
      roundTrips[target] = { first: firstTrips, second: secondTrips, retry: retryTrips, usedCode: reusedTrips };
      console.log(`submit: ${LABEL[target]} database round trips: first submission ${firstTrips}, next one ${secondTrips}, retry ${retryTrips}, used code ${reusedTrips}`);
      const { rows: [row] } = await db.query(
        `SELECT r.campaign_id, r.school_id, r.answers, r.idempotency_key = $3 AS key_stored, r.submitted_on::text,
                (SELECT used FROM survey_codes WHERE code_hash = $2) AS code_used, (SELECT count(*)::int FROM survey_drafts WHERE code_hash = $2) AS drafts
         FROM survey_responses r WHERE r.id = $1`,
        [first.body.responseId, hashCode(submitCode(prefix, 0)), scopedIdempotencyKey(`code:${hashCode(submitCode(prefix, 0))}`, key)],
      );
      if (!row?.code_used || row.drafts !== 0) fail(`${target}: code used ${row?.code_used}, drafts left ${row?.drafts}`);
      stored[target] = row;
    }
    if (!isDeepStrictEqual(stored.baseline, stored.api)) fail(`the stored rows differ:\n  baseline ${JSON.stringify(stored.baseline)}\n  api      ${JSON.stringify(stored.api)}`);
    console.log('submit: verified both paths store the same row, use the code, drop the draft, repeat the first result on a retry and refuse a used code');
  }

  const load = (target: Target, prefix: string, amount: number) =>
    autocannon({
      url: urls[target],
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      pipelining: 1,
      amount,
      ...(RATE ? { overallRate: RATE } : {}),
      // A run of `amount` requests ends at the first sample after the last response: sample often, or its duration is rounded up to whole seconds.
      sampleInt: 10,
      timeout: 10,
      initialContext: { prefix } satisfies SubmitContext,
      // In a worker thread autocannon loads setupRequest from its file.
      requests: [{ setupRequest: WORKERS > 0 ? join(__dirname, 'survey-submit-request.js') : setupRequest }],
      ...(WORKERS > 0 ? { workers: WORKERS } : {}),
    });

  console.log(
    `submit: ${num(SUBMISSIONS)} submissions per run (${num(WARMUP_SUBMISSIONS)} warm-up before each), ${CONNECTIONS} connections, ${RATE ? `a fixed ${RATE} submissions/s` : 'as fast as they answer'}, pool ${POOL_SIZE}, ` +
      `${ROUNDS} round(s) of (bare, api), load generator ${WORKERS ? 'in a worker thread' : 'on the main thread'}`,
  );
  const runs: { round: number; target: Target; requestsPerSec: number; seconds: number; latencyP50Ms: number; latencyP99Ms: number; queriesPerSubmission: number }[] = [];
  const ms = (x: number) => (x < 100 ? x.toFixed(1) : num(x));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of ['baseline', 'api'] as const) {
      const prefix = `${target[0]}${round}`;
      await insertCodes(`w${prefix}`, WARMUP_SUBMISSIONS);
      await insertCodes(prefix, SUBMISSIONS);
      await settle();
      if (WARMUP_SUBMISSIONS) await load(target, `w${prefix}`, WARMUP_SUBMISSIONS);
      const queriesBefore = pgQueries;
      const r = await load(target, prefix, SUBMISSIONS);
      const queriesPerSubmission = (pgQueries - queriesBefore) / SUBMISSIONS;
      if (r.errors || r.timeouts || r.non2xx) throw new Error(`${LABEL[target]} round ${round}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses`);
      const codes = Array.from({ length: SUBMISSIONS }, (_, n) => submitCode(prefix, n));
      const { rows: [c] } = await db.query<{ responses: number; used: number }>(
        `SELECT (SELECT count(*)::int FROM survey_responses WHERE campaign_id = $1 AND idempotency_key = ANY($2)) AS responses,
                (SELECT count(*)::int FROM survey_codes WHERE code_hash = ANY($3) AND used) AS used`,
        [campaign.id, codes.map((code) => scopedIdempotencyKey(`code:${hashCode(code)}`, `bench-${code}`)), codes.map(hashCode)],
      );
      if (c.responses !== SUBMISSIONS || c.used !== SUBMISSIONS) throw new Error(`${LABEL[target]} round ${round}: ${c.responses} responses stored and ${c.used} codes used, expected ${SUBMISSIONS}`);
      const f = { round, target, requestsPerSec: SUBMISSIONS / r.duration, seconds: r.duration, latencyP50Ms: r.latency.p50, latencyP99Ms: r.latency.p99, queriesPerSubmission };
      runs.push(f);
      console.log(
        `  round ${round} ${LABEL[target].padEnd(18)} ${num(f.requestsPerSec).padStart(6)} req/s  ${f.seconds.toFixed(2)} s  p50 ${ms(f.latencyP50Ms)} ms  p99 ${ms(f.latencyP99Ms)} ms  ` +
          `${f.queriesPerSubmission.toFixed(2)} database round trips per submission`,
      );
    }
  }
  await settle();

  // What answer validation alone costs per submission (the api does it, the bare route does not).
  const samples = Array.from({ length: 5_000 }, (_, n) => submitAnswers(n));
  const t0 = performance.now();
  for (const answers of samples) validateAnswers(BENCH_TEMPLATE, answers, { partial: false });
  const validateMs = since(t0) / samples.length;

  const of = (t: Target) => runs.filter((r) => r.target === t);
  const summary = Object.fromEntries((['baseline', 'api'] as const).map((t) => [t, {
    requestsPerSecMedian: median(of(t).map((r) => r.requestsPerSec)),
    requestsPerSecBest: Math.max(...of(t).map((r) => r.requestsPerSec)),
    latencyP50Ms: median(of(t).map((r) => r.latencyP50Ms)),
    latencyP99Ms: median(of(t).map((r) => r.latencyP99Ms)),
  }])) as Record<Target, { requestsPerSecMedian: number; requestsPerSecBest: number; latencyP50Ms: number; latencyP99Ms: number }>;
  const ratio = { median: summary.api.requestsPerSecMedian / summary.baseline.requestsPerSecMedian, best: summary.api.requestsPerSecBest / summary.baseline.requestsPerSecBest };
  const latencyRatio = { p50: summary.api.latencyP50Ms / summary.baseline.latencyP50Ms, p99: summary.api.latencyP99Ms / summary.baseline.latencyP99Ms };
  const trips = (t: Target) => median(of(t).map((r) => r.queriesPerSubmission));
  console.log('\n' + table(
    ['submit', 'req/s median', 'req/s best', 'p50 ms', 'p99 ms', 'round trips / submission'],
    (['baseline', 'api'] as const).map((t) => [LABEL[t], num(summary[t].requestsPerSecMedian), num(summary[t].requestsPerSecBest), ms(summary[t].latencyP50Ms), ms(summary[t].latencyP99Ms), trips(t).toFixed(2)]),
  ));
  console.log(`(validateAnswers alone: ${(validateMs * 1000).toFixed(0)} µs per submission; load average ${loadAvg()})`);
  if (RATE) console.log(`latency at a fixed ${RATE} submissions/s, api / bare fastify+pg: p50 ${latencyRatio.p50.toFixed(2)}, p99 ${latencyRatio.p99.toFixed(2)}\n`);
  else console.log(`ratio submit (api / bare fastify+pg): ${ratio.median.toFixed(2)}  (best runs: ${ratio.best.toFixed(2)})\n`);
  return { rate: RATE || null, runs, summary, ratio, latencyRatio, roundTrips, validateAnswersMs: validateMs };
}

async function aggregatePart(bench: BenchApi, db: Pool, campaign: { id: number; schools: number[] }) {
  // Schools of very different sizes (weights e^N(0, 0.6)), each leaning its own way.
  const random = rng(42);
  const leans: SchoolLean[] = campaign.schools.map(() => schoolLean(random));
  const cumulative: number[] = [];
  let total = 0;
  for (const _ of campaign.schools) cumulative.push((total += Math.exp(0.6 * normal(random))));
  const schoolAt = (u: number) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u * total) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const today = Date.now();
  function* responses() {
    for (let i = 0; i < RESPONSES; i++) {
      const s = schoolAt(random());
      const day = new Date(today - Math.floor(random() * 14) * DAY).toISOString().slice(0, 10);
      yield [campaign.id, campaign.schools[s], JSON.stringify(surveyAnswers(random, leans[s])), `gen-${String(i).padStart(7, '0')}`, day];
    }
  }
  const client = await db.connect();
  let t0 = performance.now();
  try {
    await copyRows(client, 'survey_responses', ['campaign_id', 'school_id', 'answers', 'idempotency_key', 'submitted_on'], responses());
    const loadSeconds = since(t0) / 1000;
    t0 = performance.now();
    await client.query('VACUUM (ANALYZE) survey_responses');
    const { rows: [size] } = await client.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('survey_responses')) AS size`);
    console.log(`aggregate: ${num(RESPONSES)} responses over ${campaign.schools.length} schools loaded with COPY in ${loadSeconds.toFixed(1)} s, VACUUM ANALYZE ${(since(t0) / 1000).toFixed(1)} s (survey_responses ${size.size})`);
  } finally {
    client.release();
  }

  const product = bench.app.get(SurveyAggregationService);
  const runProduct = async () => {
    const t = performance.now();
    const r = await product.recompute(campaign.id);
    const ms = since(t);
    if (r.responses !== RESPONSES) throw new Error(`recompute counted ${r.responses} responses, expected ${RESPONSES}`);
    return ms;
  };
  const runHand = async () => {
    const t = performance.now();
    const { rows } = await db.query<Group>(HAND_SQL, [campaign.id]);
    return { ms: since(t), rows };
  };

  // First runs of both (also the warm-up): the same figures for every group, or nothing is measured.
  const productFirst = await runProduct();
  const handFirst = await runHand();
  const { rows: [snap] } = await db.query<{ groups: Group[] }>(`SELECT groups FROM survey_snapshots WHERE campaign_id = $1`, [campaign.id]);
  const byId = (gs: Group[]) => new Map(gs.map((g) => [`${g.level}/${g.key}`, g]));
  const [p, h] = [byId(snap.groups), byId(handFirst.rows)];
  const differing = [...new Set([...p.keys(), ...h.keys()])].filter((k) => !isDeepStrictEqual(p.get(k), h.get(k)));
  if (differing.length) {
    const k = differing[0];
    throw new Error(`VERIFY FAILED (aggregate): ${differing.length} of ${p.size} groups differ, e.g. ${k}:\n  product ${JSON.stringify(p.get(k))}\n  hand    ${JSON.stringify(h.get(k))}`);
  }
  const levels = ['city', 'office', 'district', 'school'].map((l) => `${snap.groups.filter((g) => g.level === l).length} ${l}`).join(', ');
  const city = p.get('city/all')!;
  console.log(
    `aggregate: verified the product's snapshot and the hand-written query agree on every figure of all ${p.size} groups (${levels}); ` +
      `city: n ${num(city.n)}, satisfied mean ${city.questions.satisfied.mean} sd ${city.questions.satisfied.sd}, home_minutes answered ${num(city.questions.home_minutes.answered)}, ` +
      `priorities mean rank of devices ${city.questions.priorities.meanRank?.devices}`,
  );
  console.log(`aggregate: first runs (cold) product ${(productFirst / 1000).toFixed(2)} s, hand-written ${(handFirst.ms / 1000).toFixed(2)} s; ${AGG_ROUNDS} round(s) of (hand-written, product)`);

  const runs: { round: number; target: 'hand' | 'product'; seconds: number }[] = [];
  for (let round = 1; round <= AGG_ROUNDS; round++) {
    await db.query('CHECKPOINT');
    runs.push({ round, target: 'hand', seconds: (await runHand()).ms / 1000 });
    await db.query('CHECKPOINT');
    runs.push({ round, target: 'product', seconds: (await runProduct()) / 1000 });
    console.log(`  round ${round} hand-written ${runs[runs.length - 2].seconds.toFixed(2)} s  product ${runs[runs.length - 1].seconds.toFixed(2)} s`);
  }
  const of = (t: 'hand' | 'product') => runs.filter((r) => r.target === t).map((r) => r.seconds);
  const summary = { hand: { secondsMedian: median(of('hand')), secondsBest: Math.min(...of('hand')) }, product: { secondsMedian: median(of('product')), secondsBest: Math.min(...of('product')) } };
  const ratio = { median: summary.hand.secondsMedian / summary.product.secondsMedian, best: summary.hand.secondsBest / summary.product.secondsBest };
  console.log('\n' + table(
    [`aggregate ${num(RESPONSES)} responses`, 's median', 's best', 'responses/s median'],
    [
      ['one hand-written query', summary.hand.secondsMedian.toFixed(2), summary.hand.secondsBest.toFixed(2), num(RESPONSES / summary.hand.secondsMedian)],
      ['SurveyAggregationService.recompute', summary.product.secondsMedian.toFixed(2), summary.product.secondsBest.toFixed(2), num(RESPONSES / summary.product.secondsMedian)],
    ],
  ));
  console.log(`(load average ${loadAvg()})`);
  console.log(`ratio aggregate (hand-written / product time, 1.0 = parity): ${ratio.median.toFixed(2)}  (best runs: ${ratio.best.toFixed(2)})\n`);
  return { responses: RESPONSES, schools: campaign.schools.length, groups: p.size, runs, summary, ratio };
}

runBench(main);
