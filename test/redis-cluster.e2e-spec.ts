import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { OwnRedisCluster } from './support/redis-cluster';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

/**
 * The api and the worker on a 3-master Redis Cluster (REDIS_CLUSTER_NODES): every key of ours
 * starts with the hash tag `{QUEUE_PREFIX}`, so BullMQ's multi-key scripts and the rate limiters'
 * transactions stay in one slot. Jobs of three features run to completion, and a limiter holds.
 */
describe('on a Redis Cluster', () => {
  let cluster: OwnRedisCluster;
  let app: TestApp;
  let admin: Client;

  beforeAll(async () => {
    cluster = await OwnRedisCluster.start(3);
    app = await startTestApp({ worker: true, env: { REDIS_CLUSTER_NODES: cluster.nodes, SURVEY_CODE_MAX_FAILURES: '3' } });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it('reports Redis healthy through the cluster client', async () => {
    const res = await app.http.get('/api/health');
    expect(res.body).toMatchObject({ status: 'ok', redis: { status: 'up' } });
  });

  it('runs a classroom inventory export', async () => {
    const { status, body } = await admin.post('/api/v1/exports/classrooms');
    expect(status).toBe(202);
    expect(await waitForJob(admin, body.jobId)).toMatchObject({ state: 'completed', downloadUrl: expect.stringMatching(/^\/api\/v1\/files\//) });
  });

  it('distributes and aggregates a survey campaign', async () => {
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const template = await admin.post('/api/v1/surveys/templates', {
      kind: 'satisfaction',
      definition: { title: '만족도', sections: [{ id: 'main', title: '만족도', questions: [{ id: 'sat', text: '만족도', required: true, type: 'likert5' }] }] },
    });
    expect(template.status).toBe(201);
    const campaign = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '클러스터 만족도', audience: 'teachers',
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
      target: { schoolIds: [gaepo] },
    });
    expect(campaign.status).toBe(201);
    const { body: sheet } = await admin.post(`/api/v1/surveys/campaigns/${campaign.body.id}/schools/${gaepo}/codes`, { count: 5 });
    for (const [i, code] of (sheet.codes as string[]).entries()) {
      const res = await new HttpClient(app.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: (i % 5) + 1 }, idempotencyKey: `cluster-${i}-key` });
      expect(res.status).toBe(200);
    }
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaign.body.id}/aggregate`);
    expect(await waitForJob(admin, body.jobId)).toMatchObject({ state: 'completed', result: { summary: { responses: 5 } } });
    await app.waitForQueues();
    const report = await admin.get(`/api/v1/surveys/campaigns/${campaign.body.id}/report?level=city`);
    expect(report.body.groups[0]).toMatchObject({ suppressed: false, n: 5 });
  });

  it('issues the badges of an imported training completion batch', async () => {
    await createCourses(admin);
    const res = await admin.upload('/api/v1/training/completions/import', completionCsv([
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '', 'AI-B-101', '1기', '2025-04-30', ''],
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '', 'AI-B-102', '', '2025-05-20', ''],
    ]), 'c.csv');
    expect(res.status).toBe(201);
    await app.waitForQueues();
    const badges = await app.db.query(`SELECT count(*)::int AS n FROM badge_credentials`);
    // Two course badges and the basic level badge the pathway completes.
    expect(badges).toEqual([{ n: 3 }]);
  });

  it('counts wrong survey codes in the cluster and answers 429 at the limit', async () => {
    const anon = new HttpClient(app.baseUrl);
    for (let i = 0; i < 3; i++) expect((await anon.get(`/api/v1/surveys/respond/AAAAA-AAAA${i}`)).status).toBe(404);
    const blocked = await anon.get('/api/v1/surveys/respond/AAAAA-AAAAA');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps every key under the hash-tagged prefix, so all of them sit in one slot', async () => {
    const prefix = app.config.redisKeyPrefix;
    expect(prefix).toBe(`{${app.config.queuePrefix}}`);
    const keys = await cluster.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !k.startsWith(`${prefix}:`))).toEqual([]);
    // BullMQ's queues of the three features (their completed jobs) and the rate limiter's counter.
    for (const queue of ['exports', 'surveys', 'badges']) expect(keys).toContain(`${prefix}:${queue}:completed`);
    expect(keys).toEqual(expect.arrayContaining([expect.stringMatching(/^\{\w+\}:survey-code-fail:ip:/)]));
    const slots = new Set(await Promise.all(keys.slice(0, 30).map(async (k) => (await cluster.cli(cluster.ports[0], 'cluster', 'keyslot', k)).trim())));
    expect(slots.size).toBe(1);
  });
});
