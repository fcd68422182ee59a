import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ALL_QUEUES, JOB_SCHEDULES, JobName, JobQueue, QueueName } from '@app/core';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { assessmentBody, resultsCsv } from './support/literacy-fixtures';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

const OVERVIEW = '/api/v1/admin/jobs';
const runNow = (schedulerId: string) => `/api/v1/admin/jobs/schedules/${encodeURIComponent(schedulerId)}/run`;
const retry = (jobId: string) => `/api/v1/admin/jobs/${encodeURIComponent(jobId)}/retry`;

/** Seoul wall-clock time of a moment, e.g. 00:05. */
const seoulClock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

const auditOf = async (app: TestApp, action: string) =>
  app.db.query(`SELECT actor_id AS "actorId", entity_type AS "entityType", entity_id AS "entityId", after FROM audit_log WHERE action = $1 ORDER BY id`, [action]);

/**
 * Issue 13: the jobs page's API for city administrators: queues with their counts and failed jobs,
 * the schedules with their next run, run now (through the outbox, audited) and retry (audited).
 */
describe('jobs page API (/admin/jobs)', () => {
  let app: TestApp;
  let admin: Client;
  let others: Record<string, Client>;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin', displayName: '교육청 작업 담당' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    others = {
      district_admin: await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' }),
      principal: await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo }),
      teacher: await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo }),
    };
  });
  afterAll(() => app?.close());

  /** Waits for a job's last attempt to fail, promoting its backoff waits (5 s, then 10 s) so the test need not sit through them. */
  async function failForGood(queueName: QueueName, jobId: string): Promise<Job> {
    const queue = app.api.get<Queue>(getQueueToken(queueName), { strict: false });
    const until = Date.now() + 30_000;
    for (;;) {
      const job = await queue.getJob(jobId);
      const state = await job?.getState();
      if (job && state === 'failed') return job;
      if (job && state === 'delayed') await job.promote().catch(() => undefined);
      if (Date.now() > until) throw new Error(`job ${jobId} still ${state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('lists every queue with its counts, the outbox backlog, and each schedule with its next run in Seoul time', async () => {
    const res = await admin.get(OVERVIEW);
    expect(res.status).toBe(200);
    expect(res.body.redis).toEqual({ available: true, error: null });
    expect(res.body.outbox).toMatchObject({ pending: expect.any(Number), lastError: null });
    expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual(ALL_QUEUES);
    for (const q of res.body.queues) {
      expect(q.counts).toEqual({ waiting: expect.any(Number), active: expect.any(Number), completed: expect.any(Number), failed: expect.any(Number), delayed: expect.any(Number), prioritized: expect.any(Number) });
      expect(q.failedJobs).toEqual([]);
      expect(q.outboxPending).toEqual(expect.any(Number));
    }
    expect(res.body.schedules.map((s: { schedulerId: string; jobName: string; cron: string }) => [s.schedulerId, s.jobName, s.cron])).toEqual(JOB_SCHEDULES.map((s) => [s.schedulerId, s.name, s.cron]));
    const now = Date.now();
    for (const s of res.body.schedules) {
      expect(s).toMatchObject({ registered: true, timezone: 'Asia/Seoul', nextRunAt: expect.any(String) });
      expect(Date.parse(s.nextRunAt)).toBeGreaterThan(now - 1_000);
    }
    const bySchedule = Object.fromEntries(res.body.schedules.map((s: { schedulerId: string; nextRunAt: string }) => [s.schedulerId, s.nextRunAt]));
    expect(seoulClock(bySchedule['designation-term-end-daily'])).toBe('00:05');
    expect(seoulClock(bySchedule['survey-remind-daily'])).toBe('09:00');
    expect(seoulClock(bySchedule['consent-remind-daily'])).toBe('08:30');
    expect(Date.parse(bySchedule['survey-lifecycle']) - now).toBeLessThanOrEqual(5 * 60_000);
    expect(Date.parse(bySchedule['designation-term-end-daily']) - now).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('is for city administrators only: 403 for district admins, principals and teachers, 401 without a token, and nothing runs', async () => {
    const outboxBefore = (await app.db.query(`SELECT count(*)::int AS n FROM job_outbox`))[0].n;
    for (const [role, client] of Object.entries(others)) {
      for (const res of [await client.get(OVERVIEW), await client.post(runNow('designation-term-end-daily')), await client.post(retry('00000000-0000-4000-8000-000000000000'))]) {
        expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'ROLE_NOT_ALLOWED' });
      }
    }
    const anonymous = new HttpClient(app.baseUrl);
    expect((await anonymous.get(OVERVIEW)).status).toBe(401);
    expect((await anonymous.post(runNow('designation-term-end-daily'))).status).toBe(401);
    expect((await anonymous.post(retry('x'))).status).toBe(401);
    expect((await app.db.query(`SELECT count(*)::int AS n FROM job_outbox`))[0].n).toBe(outboxBefore);
    expect(await auditOf(app, 'job.run_now')).toEqual([]);
    expect(await auditOf(app, 'job.retried')).toEqual([]);
  });

  it('runs each schedule now through the outbox, as the admin, audited; each job completes', async () => {
    const started: Record<string, string> = {};
    for (const s of JOB_SCHEDULES) {
      const res = await admin.post(runNow(s.schedulerId));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ jobId: expect.any(String), state: 'queued', deduplicated: false, statusUrl: `/api/v1/jobs/${res.body.jobId}` });
      started[s.schedulerId] = res.body.jobId;
    }
    const done: Record<string, { state: string; name: string; requestedBy: string; result: { summary: Record<string, unknown> } }> = {};
    for (const [schedulerId, jobId] of Object.entries(started)) done[schedulerId] = await waitForJob(admin, jobId);
    for (const s of JOB_SCHEDULES) expect(done[s.schedulerId]).toMatchObject({ state: 'completed', name: s.name, requestedBy: admin.userId });
    // What each covers: term end; distribution and the final aggregation at close; survey reminders; consent reminders with second-guardian slips.
    expect(done['designation-term-end-daily'].result.summary).toEqual({ today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), ended: 0 });
    expect(done['survey-lifecycle'].result.summary).toEqual({ distribute: [], aggregate: [] });
    expect(done['consent-remind-daily'].result.summary).toEqual({ schools: 0, notices: 0, secondGuardianSlips: 0 });

    // Audited with the job it started, and the outbox saw each through to the end.
    expect(await auditOf(app, 'job.run_now')).toEqual(JOB_SCHEDULES.map((s) => ({ actorId: admin.userId, entityType: 'schedule', entityId: s.schedulerId, after: { jobId: started[s.schedulerId] } })));
    const audit = await admin.get('/api/v1/audit?action=job.run_now');
    expect(audit.body[0]).toMatchObject({ action: 'job.run_now', entityType: 'schedule', actorName: '교육청 작업 담당' });
    const outbox = await app.db.query(`SELECT name, outcome, data->>'requestedBy' AS "requestedBy" FROM job_outbox WHERE job_id = ANY($1::uuid[]) ORDER BY id`, [Object.values(started)]);
    expect(outbox).toEqual(JOB_SCHEDULES.map((s) => ({ name: s.name, outcome: 'completed', requestedBy: admin.userId })));
  });

  it('answers 404 for an unknown schedule or job and 400 for a malformed job id, auditing nothing', async () => {
    const audits = (await auditOf(app, 'job.run_now')).length;
    const unknown = await admin.post(runNow('no-such-schedule'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await admin.post(retry('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    const malformed = await admin.post(retry('x y'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0]).toMatchObject({ field: 'jobId' });
    expect((await admin.get(`${OVERVIEW}?failedLimit=0`)).status).toBe(400);
    expect((await auditOf(app, 'job.run_now')).length).toBe(audits);
    expect(await auditOf(app, 'job.retried')).toEqual([]);
  });

  it('lists a failed job with its error and requester; a retry (audited) runs it again, and it completes once its cause is fixed', async () => {
    // Report workbooks asked for before the results are analysed: every attempt fails.
    const assessment = await admin.post('/api/v1/literacy/assessments', assessmentBody());
    expect(assessment.status).toBe(201);
    const { jobId } = await app.api.get(JobQueue).enqueue(JobName.LiteracyReports, { requestedBy: admin.userId, assessmentId: assessment.body.id });
    await failForGood(QueueName.Literacy, jobId);

    const overview = await admin.get(OVERVIEW);
    const literacy = overview.body.queues.find((q: { name: string }) => q.name === 'literacy');
    expect(literacy.counts.failed).toBe(1);
    expect(literacy.failedJobs).toEqual([
      {
        id: jobId, name: 'literacy-reports', queue: 'literacy', failedReason: `literacy assessment ${assessment.body.id} has no analysis yet`,
        attemptsMade: 3, attempts: 3, createdAt: expect.any(String), finishedAt: expect.any(String), requestedBy: admin.userId, requestedByName: '교육청 작업 담당',
      },
    ]);
    expect((await app.db.query(`SELECT outcome FROM job_outbox WHERE job_id = $1`, [jobId]))[0].outcome).toBe('failed');

    // Only a failed job is retried.
    const [{ after: { jobId: completed } }] = await auditOf(app, 'job.run_now');
    const notFailed = await admin.post(retry(completed));
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.code).toBe('JOB_NOT_FAILED');

    // The cause fixed (results imported and analysed), the retry completes.
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const imported = await admin.upload(`/api/v1/literacy/assessments/${assessment.body.id}/results/import`, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 12, prefix: 'S' }]), 'results.csv');
    expect(imported.status).toBeLessThan(300);
    await app.waitForQueues();
    const retried = await admin.post(retry(jobId));
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ jobId, state: 'queued', deduplicated: false, statusUrl: `/api/v1/jobs/${jobId}` });
    const rerun = await waitForJob(admin, jobId);
    expect(rerun).toMatchObject({ state: 'completed', name: 'literacy-reports', attemptsMade: expect.any(Number), failedReason: null });
    expect(await auditOf(app, 'job.retried')).toEqual([
      { actorId: admin.userId, entityType: 'job', entityId: jobId, after: { queue: 'literacy', name: 'literacy-reports', failedReason: `literacy assessment ${assessment.body.id} has no analysis yet`, attemptsMade: 3 } },
    ]);
    // The outbox watched it again until it finished.
    expect((await app.db.query(`SELECT outcome FROM job_outbox WHERE job_id = $1`, [jobId]))[0].outcome).toBe('completed');
    const after = await admin.get(OVERVIEW);
    expect(after.body.queues.find((q: { name: string }) => q.name === 'literacy').failedJobs).toEqual([]);
  }, 60_000);
});

describe('jobs page API while Redis is down', () => {
  let app: TestApp;
  let redis: OwnRedis;
  let admin: Client;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    app = await startTestApp({ env: { REDIS_URL: redis.url } });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
  }, 60_000);

  const timed = async <T>(work: Promise<T>): Promise<{ ms: number; value: T }> => {
    const t0 = performance.now();
    const value = await work;
    return { ms: performance.now() - t0, value };
  };

  it('shows Redis as unavailable with the outbox backlog, takes a run-now into the outbox, and refuses a retry with 503', async () => {
    await redis.stop();
    const run = await timed(admin.post(runNow('designation-term-end-daily')));
    expect(run.value.status).toBe(202);
    expect(run.value.body).toMatchObject({ state: 'pending', jobId: expect.any(String) });
    expect(run.ms).toBeLessThan(5_000);

    const overview = await timed(admin.get(OVERVIEW));
    expect(overview.ms).toBeLessThan(5_000);
    expect(overview.value.status).toBe(200);
    const body = overview.value.body;
    expect(body.redis).toEqual({ available: false, error: expect.stringContaining('Redis') });
    expect(body.outbox).toMatchObject({ pending: 1, oldestPendingAt: expect.any(String) });
    for (const q of body.queues) expect(q).toMatchObject({ counts: null, failedJobs: null, outboxPending: q.name === 'designations' ? 1 : 0 });
    for (const s of body.schedules) expect(s).toMatchObject({ registered: null, nextRunAt: null });
    expect(await auditOf(app, 'job.run_now')).toEqual([{ actorId: admin.userId, entityType: 'schedule', entityId: 'designation-term-end-daily', after: { jobId: run.value.body.jobId } }]);

    const refused = await timed(admin.post(retry('00000000-0000-4000-8000-000000000000')));
    expect(refused.value.status).toBe(503);
    expect(refused.value.body.code).toBe('REDIS_UNAVAILABLE');
    expect(refused.ms).toBeLessThan(5_000);

    // Redis back: the relay hands the job over and the page sees Redis again.
    await redis.start();
    const until = Date.now() + 30_000;
    let now = (await admin.get(OVERVIEW)).body;
    while ((!now.redis.available || now.outbox.pending > 0) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      now = (await admin.get(OVERVIEW)).body;
    }
    expect(now.redis.available).toBe(true);
    expect(now.outbox.pending).toBe(0);
    expect(now.queues.find((q: { name: string }) => q.name === 'designations').counts.waiting).toBe(1);
  }, 60_000);
});
