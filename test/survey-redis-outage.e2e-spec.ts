import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';

const DEFINITION = { title: '설문', sections: [{ id: 'main', title: '문항', questions: [{ id: 'sat', text: '만족도', required: true, type: 'likert5' }] }] };

describe('survey submissions while Redis is down', () => {
  let app: TestApp;
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    app = await startTestApp({ worker: true, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
  }, 60_000);

  it('stores answers in PostgreSQL with Redis stopped, and the aggregation catches up when it returns', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
    const campaign = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '장애 시험', audience: 'teachers', target: { schoolIds: [gaepo] },
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaign.body.id}/schools/${gaepo}/codes`, { count: 6 });

    await redis.stop();
    for (const [i, code] of (body.codes as string[]).entries()) {
      const res = await new HttpClient(app.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: (i % 5) + 1 }, idempotencyKey: `outage-${i}-xxxx` });
      expect(res.status).toBe(200);
    }
    expect((await app.db.query(`SELECT count(*)::int AS n FROM survey_responses`))[0].n).toBe(6);

    await redis.start();
    const job = await admin.post(`/api/v1/surveys/campaigns/${campaign.body.id}/aggregate`);
    expect(job.status).toBe(202);
    await app.waitForQueues(60_000);
    const report = await admin.get(`/api/v1/surveys/campaigns/${campaign.body.id}/report?level=city`);
    expect(report.body.groups[0]).toMatchObject({ n: 6, questions: { sat: { answered: 6, mean: 2.6667 } } });
  }, 120_000);
});
