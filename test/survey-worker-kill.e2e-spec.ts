import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { countRows } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const RESPONSES = 120_000;
const DEFINITION = {
  title: '교원 AI 연수 만족도',
  sections: [{ id: 'main', title: '만족도', questions: [
    { id: 'sat', text: '만족도', required: true, type: 'likert5' },
    { id: 'hours', text: '주당 활용 시간', required: true, type: 'numeric', min: 0, max: 40 },
    { id: 'tools', text: '사용 도구', required: false, type: 'multiple', options: [{ value: 'robot', label: '로봇' }, { value: 'tablet', label: '태블릿' }, { value: 'ai', label: '생성형 AI' }] },
  ] }],
};

async function jobState(client: Client, jobId: string) {
  return (await client.get(`/api/v1/jobs/${jobId}`)).body;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The aggregation job is killed (SIGKILL, no shutdown) while it runs; the job must come back on
 * another worker and produce the same snapshot as an undisturbed run.
 */
describe('survey aggregation survives a killed worker', () => {
  let app: TestApp;
  let admin: Client;
  const workers: ChildProcess[] = [];
  const workerMain = join(__dirname, '../dist/apps/worker/src/main.js');

  function startWorker(): { proc: ChildProcess; output: () => string } {
    let output = '';
    const proc = spawn(process.execPath, [workerMain], {
      // A 2 s job lock: a dead worker's job is found stalled within seconds instead of a minute.
      env: { ...process.env, DATABASE_URL: app.config.databaseUrl, REDIS_URL: app.config.redisUrl, QUEUE_PREFIX: app.config.queuePrefix, JOB_LOCK_SECONDS: '2', LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    workers.push(proc);
    return { proc, output: () => output };
  }

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await app.close();
  });

  it('reruns the job after the kill and stores the same snapshot as a clean run', async () => {
    expect(existsSync(workerMain)).toBe(true);
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
    const campaign = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '연수 만족도', audience: 'teachers',
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
      target: { offices: ['gangnam-seocho', 'seobu'] },
    });
    const id = campaign.body.id;
    // Enough answers that the aggregation takes a while, spread over the campaign's schools.
    await app.db.query(
      `INSERT INTO survey_responses (campaign_id, school_id, answers, idempotency_key)
       SELECT $1, s.ids[1 + i % array_length(s.ids, 1)],
              jsonb_build_object('sat', 1 + i % 5, 'hours', i % 41, 'tools', CASE i % 3 WHEN 0 THEN '["ai"]'::jsonb WHEN 1 THEN '["robot","tablet"]'::jsonb ELSE '[]'::jsonb END),
              'gen-' || i
       FROM generate_series(1, $2) i, (SELECT array_agg(school_id ORDER BY school_id) AS ids FROM survey_campaign_schools WHERE campaign_id = $1) s`,
      [id, RESPONSES],
    );

    const first = startWorker();
    await until('the first worker', async () => (first.output().includes('worker started') ? true : undefined), 30_000);
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${id}/aggregate`);
    await until('the job to start', async () => ((await jobState(admin, body.jobId)).state === 'active' ? true : undefined), 30_000, 5);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    // Killed mid-run: nothing stored, the job still counted as running by the dead worker.
    expect((await jobState(admin, body.jobId)).state).toBe('active');
    expect(await countRows(app.db, 'survey_snapshots', `campaign_id = ${id}`)).toBe(0);

    const second = startWorker();
    const done = await until('the job to finish on the second worker', async () => {
      const job = await jobState(admin, body.jobId);
      return job.state === 'completed' || job.state === 'failed' ? job : undefined;
    }, 60_000, 100).catch((e) => {
      throw new Error(`${e.message}; second worker output:\n${second.output()}`);
    });
    expect(done).toMatchObject({ state: 'completed', result: { summary: { responses: RESPONSES } } });
    const [afterCrash] = await app.db.query(`SELECT responses, groups FROM survey_snapshots WHERE campaign_id = $1`, [id]);

    const again = await admin.post(`/api/v1/surveys/campaigns/${id}/aggregate`);
    expect(again.body.jobId).not.toBe(body.jobId);
    await until('the clean run', async () => ((await jobState(admin, again.body.jobId)).state === 'completed' ? true : undefined), 60_000, 100);
    const [clean] = await app.db.query(`SELECT responses, groups FROM survey_snapshots WHERE campaign_id = $1`, [id]);
    expect(afterCrash).toEqual(clean);
    expect(clean.groups.find((g: { level: string }) => g.level === 'city').questions.sat.counts).toEqual({ 1: 24_000, 2: 24_000, 3: 24_000, 4: 24_000, 5: 24_000 });
  }, 150_000);
});
