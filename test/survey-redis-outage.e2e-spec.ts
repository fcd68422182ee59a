import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

/** A Redis of this suite's own, so stopping it disturbs no other suite. */
class OwnRedis {
  private proc?: ChildProcess;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    await new Promise((r) => {
      p.once('exit', r);
      p.kill('SIGKILL');
    });
    this.proc = undefined;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const DEFINITION = { title: '설문', sections: [{ id: 'main', title: '문항', questions: [{ id: 'sat', text: '만족도', required: true, type: 'likert5' }] }] };

describe('survey submissions while Redis is down', () => {
  let app: TestApp;
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    app = await startTestApp({ worker: true, env: { REDIS_URL: `redis://127.0.0.1:${redis.port}` } });
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
