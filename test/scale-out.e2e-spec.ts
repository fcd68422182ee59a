import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from '@app/core';
import { JobHandlerRegistry } from '../apps/worker/src/job-handler.registry';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';

type Client = Awaited<ReturnType<TestApp['as']>>;

const BATCHES = 4;
/**
 * 500 badges in `npm test` (about fifteen seconds of signing); SCALE_OUT_BADGES=10000 runs the
 * national-scale check of issue 16 (several minutes on two cores), as the closing note records.
 */
const BADGES = Number(process.env.SCALE_OUT_BADGES ?? 500);
const PER_BATCH = Math.ceil(BADGES / BATCHES);

/**
 * Two api instances and two workers on one database and one Redis, as a scaled-out deployment runs:
 * what one api counts or remembers holds on the other, and a stream of jobs shared by two workers
 * runs each job once and issues each badge once, with status-list indexes without gaps.
 */
describe('scaled out: two api instances and two workers', () => {
  const env = { LOGIN_MAX_FAILURES: '3', SURVEY_CODE_MAX_FAILURES: '4' };
  let a: TestApp;
  let b: TestApp;
  let workers: INestApplicationContext[];
  let adminA: Client;
  let adminB: HttpClient;
  /** Every job a worker ran: which worker, BullMQ id, name. */
  const runs: { worker: number; id: string; name: string }[] = [];

  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ join: a, env });
    workers = [await a.startWorker(), await b.startWorker()];
    for (const [n, w] of workers.entries()) {
      const registry = w.get(JobHandlerRegistry);
      const run = registry.run.bind(registry);
      registry.run = (job: Job) => {
        runs.push({ worker: n, id: String(job.id), name: job.name });
        return run(job);
      };
    }
    adminA = await a.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    // The same session, used through the other instance.
    adminB = Object.assign(new HttpClient(b.baseUrl), { token: adminA.token });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts wrong passwords on both: failures on api A and api B add up to one limit', async () => {
    await a.as({ email: 'victim@sen.go.kr', role: 'teacher', schoolId: await schoolId(a.db, '서울개포초등학교') });
    const [onA, onB] = [new HttpClient(a.baseUrl), new HttpClient(b.baseUrl)];
    for (const client of [onA, onB, onA]) {
      expect((await client.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: 'wrong-password' })).status).toBe(401);
    }
    // The limit (3) is reached across the two: the right password now waits on both.
    for (const client of [onB, onA]) {
      const blocked = await client.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('answers a survey submission retried on the other api with the first result (idempotency key), and counts wrong codes on both', async () => {
    const gaepo = await schoolId(a.db, '서울개포초등학교');
    const template = await adminA.post('/api/v1/surveys/templates', {
      kind: 'satisfaction',
      definition: { title: '만족도', sections: [{ id: 'main', title: '만족도', questions: [{ id: 'sat', text: '만족도', required: true, type: 'likert5' }] }] },
    });
    expect(template.status).toBe(201);
    const campaign = await adminB.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '확장 만족도', audience: 'teachers',
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
      target: { schoolIds: [gaepo] },
    });
    expect(campaign.status).toBe(201);
    const { body: sheet } = await adminA.post(`/api/v1/surveys/campaigns/${campaign.body.id}/schools/${gaepo}/codes`, { count: 2 });
    const [code] = sheet.codes as string[];
    const first = await new HttpClient(a.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: 4 }, idempotencyKey: 'scale-out-key-1' });
    expect(first.status).toBe(200);
    expect(first.body.repeated).toBe(false);
    const retry = await new HttpClient(b.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: 1 }, idempotencyKey: 'scale-out-key-1' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...first.body, repeated: true });
    const other = await new HttpClient(b.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: 1 }, idempotencyKey: 'scale-out-key-2' });
    expect(other.status).toBe(409);
    expect(await a.db.query(`SELECT answers FROM survey_responses WHERE campaign_id = $1`, [campaign.body.id])).toEqual([{ answers: { sat: 4 } }]);

    // Wrong codes: two on each api reach the limit of four; the fifth is refused on either.
    for (const base of [a.baseUrl, b.baseUrl, a.baseUrl, b.baseUrl]) expect((await new HttpClient(base).get('/api/v1/surveys/respond/AAAAA-AAAAA')).status).toBe(404);
    expect((await new HttpClient(a.baseUrl).get('/api/v1/surveys/respond/AAAAA-AAAAB')).status).toBe(429);
    expect((await new HttpClient(b.baseUrl).get('/api/v1/surveys/respond/AAAAA-AAAAB')).status).toBe(429);
  });

  it(`issues ${BATCHES * PER_BATCH} completions' badges with both workers: each job once, each badge once, status indexes without gaps`, async () => {
    await createCourses(adminA);
    const before = new Set(runs.map((r) => r.id));
    // Imports through both apis, one badge job each, the workers taking them as they come.
    for (let n = 0; n < BATCHES; n++) {
      const rows = Array.from({ length: PER_BATCH }, (_, i) => [`S-${n}-${String(i).padStart(4, '0')}`, `직원${n}-${i}`, '', '직원', '', 'AI-B-102', '', '2025-05-20', '']);
      const res = await (n % 2 ? adminB : adminA).upload('/api/v1/training/completions/import', completionCsv(rows), `batch-${n}.csv`);
      expect(res.status).toBe(201);
    }
    // A generous bound: on a busy machine signing is slow; the assertions are about once and without gaps, not speed.
    await a.waitForQueues(Math.max(240_000, PER_BATCH * 240));

    const badgeRuns = runs.filter((r) => r.name === JobName.BadgeIssuance && !before.has(r.id));
    const outbox: { bull_job_id: string; outcome: string }[] = await a.db.query(`SELECT bull_job_id, outcome FROM job_outbox WHERE name = $1`, [JobName.BadgeIssuance]);
    expect(outbox).toHaveLength(BATCHES);
    expect(outbox.every((o) => o.outcome === 'completed')).toBe(true);
    // Each job ran once, on one worker; together the two workers ran them all, and both took a share.
    expect(badgeRuns.map((r) => r.id).sort()).toEqual(outbox.map((o) => o.bull_job_id).sort());
    expect(new Set(badgeRuns.map((r) => r.worker))).toEqual(new Set([0, 1]));
    // Every job of any kind the test caused ran once.
    const perJob = new Map<string, number>();
    for (const r of runs) perJob.set(r.id, (perJob.get(r.id) ?? 0) + 1);
    expect([...perJob.values()].filter((n) => n > 1)).toEqual([]);

    const [credentials] = await a.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT completion_id)::int AS completions, min(status_index) AS lo, max(status_index) AS hi, count(DISTINCT status_index)::int AS indexes
       FROM badge_credentials`,
    );
    expect(credentials).toEqual({ n: BATCHES * PER_BATCH, completions: BATCHES * PER_BATCH, lo: expect.any(Number), hi: expect.any(Number), indexes: BATCHES * PER_BATCH });
    expect(credentials.hi - credentials.lo + 1).toBe(BATCHES * PER_BATCH);
    const [{ missing }] = await a.db.query(`SELECT count(*)::int AS missing FROM training_completions c WHERE NOT EXISTS (SELECT 1 FROM badge_credentials b WHERE b.completion_id = c.id)`);
    expect(missing).toBe(0);
  }, Math.max(300_000, PER_BATCH * 300));
});
