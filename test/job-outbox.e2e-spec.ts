import { JobQueue } from '@app/core';
import { countRows, schoolId } from './support/fixtures';
import { assessmentBody, resultsCsv } from './support/literacy-fixtures';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

/** Committed ⇒ its job runs, whatever Redis does (the transactional outbox). */
describe('jobs through the outbox while Redis is down', () => {
  let app: TestApp;
  let redis: OwnRedis;
  let admin: Client;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    app = await startTestApp({ worker: true, env: { REDIS_URL: redis.url } });
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

  it('answers a results import and an export within 5 s with Redis stopped; both jobs run once when it returns', async () => {
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const assessment = await admin.post('/api/v1/literacy/assessments', assessmentBody());
    expect(assessment.status).toBe(201);

    await redis.stop();
    const upload = await timed(admin.upload(`/api/v1/literacy/assessments/${assessment.body.id}/results/import`, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 12, prefix: 'S' }]), 'results.csv'));
    const exported = await timed(admin.post('/api/v1/exports/classrooms'));
    const health = await timed(app.http.get('/api/health'));
    console.log(`Redis down: import ${upload.value.status} in ${upload.ms.toFixed(0)} ms, export ${exported.value.status} in ${exported.ms.toFixed(0)} ms, health ${health.value.status} ${health.value.body.status} in ${health.ms.toFixed(0)} ms`);
    expect(upload.value.status).toBeLessThan(300);
    expect(upload.ms).toBeLessThan(5_000);
    expect(exported.value.status).toBe(202);
    expect(exported.value.body.state).toBe('pending');
    expect(exported.ms).toBeLessThan(5_000);
    expect(health.value.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'down' }, jobsWaitingForRedis: 2 });
    expect(health.value.status).toBe(200);

    // The results are committed and so are their jobs, waiting in the outbox.
    expect(await countRows(app.db, 'literacy_results')).toBe(12);
    expect(await countRows(app.db, 'job_outbox', 'relayed_at IS NULL')).toBe(2);
    const status = await timed(admin.get(`/api/v1/jobs/${exported.value.body.jobId}`));
    expect(status.value.body).toMatchObject({ state: 'pending', name: 'classroom-export' });
    expect(status.ms).toBeLessThan(5_000);

    await redis.start();
    await app.waitForQueues(90_000);
    const done = await admin.get(`/api/v1/jobs/${exported.value.body.jobId}`);
    expect(done.body.state).toBe('completed');
    expect(done.body.result.fileId).toEqual(expect.any(String));
    expect(await countRows(app.db, 'literacy_analyses', `assessment_id = ${assessment.body.id}`)).toBe(1);
    const analysis = await admin.get(`/api/v1/literacy/assessments/${assessment.body.id}/analysis`);
    expect(analysis.status).toBe(200);
    // Each ran once: two completed jobs in the (new) Redis, none failed, both finished in the outbox.
    const counts = await app.api.get(JobQueue).counts();
    expect(counts).toMatchObject({ completed: 2, failed: 0, outbox: 0 });
    expect(await app.db.query(`SELECT name, outcome FROM job_outbox ORDER BY id`)).toEqual([
      { name: 'literacy-analysis', outcome: 'completed' },
      { name: 'classroom-export', outcome: 'completed' },
    ]);

    // With Redis gone again the finished job still answers in full, from the outbox.
    await redis.stop();
    const remembered = await admin.get(`/api/v1/jobs/${exported.value.body.jobId}`);
    expect(remembered.body).toMatchObject({ state: 'completed', name: 'classroom-export', result: { fileId: done.body.result.fileId }, failedReason: null });
    await redis.start();
  }, 120_000);

  it('relays a job again when Redis lost it before it ran, under the same id, and it runs once', async () => {
    await app.stopWorker();
    const exported = await admin.post('/api/v1/exports/classrooms');
    expect(exported.body.state).toBe('queued');
    // Redis dies with the job in it; it comes back empty.
    await redis.stop();
    await redis.start();
    const jobs = app.api.get(JobQueue);
    await app.db.query(`UPDATE job_outbox SET relayed_at = relayed_at - interval '5 minutes' WHERE job_id = $1`, [exported.body.jobId]);
    // Reconnection after an outage can take a few seconds.
    let again = 0;
    for (let i = 0; i < 60 && again === 0; i++) {
      again = (await jobs.reconcile().catch(() => ({ relayedAgain: 0 }))).relayedAgain;
      if (!again) await new Promise((r) => setTimeout(r, 500));
    }
    expect(again).toBe(1);
    const files = await countRows(app.db, 'stored_files');
    await app.startWorker();
    await app.waitForQueues(60_000);
    expect((await admin.get(`/api/v1/jobs/${exported.body.jobId}`)).body.state).toBe('completed');
    expect(await countRows(app.db, 'stored_files')).toBe(files + 1);
    expect((await jobs.reconcile()).relayedAgain).toBe(0);
  }, 120_000);
});
