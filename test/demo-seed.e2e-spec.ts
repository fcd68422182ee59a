import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const cli = join(__dirname, '../dist/apps/cli/src/main.js');
const TABLES = ['users', 'designation_applications', 'training_completions', 'badge_credentials', 'survey_campaigns', 'survey_responses', 'survey_snapshots', 'notices', 'literacy_results', 'literacy_scores', 'consent_records', 'consent_slips'];

/** The demo data `npm run demo` loads, through the built CLI, as a fresh machine would. */
describe('demo data (npm run seed:demo)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function seed() {
    const env = { ...process.env, DATABASE_URL: app.config.databaseUrl, REDIS_URL: app.config.redisUrl, QUEUE_PREFIX: app.config.queuePrefix, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
    return run(process.execPath, [cli, 'db:seed-demo'], { env, timeout: 120_000 });
  }

  async function counts() {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await app.db.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
    return out;
  }

  let firstRun = '';
  it('loads every module once; a second run changes nothing', async () => {
    expect(existsSync(cli)).toBe(true);
    firstRun = (await seed()).stdout;
    const first = await counts();
    for (const t of TABLES) expect({ table: t, rows: first[t] }).toEqual({ table: t, rows: expect.any(Number) });
    expect(Object.entries(first).filter(([, n]) => n === 0)).toEqual([]);
    await seed();
    expect(await counts()).toEqual(first);
  }, 240_000);

  it('gives the demo principal an open school survey to answer and a survey report with a withheld school', async () => {
    const principal = await new HttpClient(app.baseUrl).login('principal@gaepo.es.kr', 'aiedu-demo-2026');
    const open = (await principal.get('/api/v1/surveys/campaigns?status=open')).body.items;
    expect(open.map((c: { audience: string }) => c.audience).sort()).toEqual(['parents', 'school']);
    expect((await principal.get('/api/v1/notices')).body.unread).toBeGreaterThan(0);

    const admin = await new HttpClient(app.baseUrl).login('admin@sen.go.kr', 'aiedu-demo-2026');
    const parents = open.find((c: { audience: string }) => c.audience === 'parents');
    const report = (await admin.get(`/api/v1/surveys/campaigns/${parents.id}/report?level=school`)).body;
    expect(report.groups.filter((g: { suppressed: boolean }) => g.suppressed).length).toBeGreaterThan(0);
    expect(report.groups.find((g: { name: string }) => g.name === '서울개포초등학교')).toMatchObject({ suppressed: false, n: 12 });
  });

  it('gives the literacy reports a withheld class, and the consent class every state', async () => {
    const principal = await new HttpClient(app.baseUrl).login('principal@gaepo.es.kr', 'aiedu-demo-2026');
    const [assessment] = (await principal.get('/api/v1/literacy/assessments')).body.items;
    const gaepo = (await principal.get('/api/v1/auth/me')).body.schoolId;
    const school = (await principal.get(`/api/v1/literacy/assessments/${assessment.id}/schools/${gaepo}/report`)).body;
    expect(school.classes.map((c: { key: string; suppressed: boolean }) => [c.key, c.suppressed])).toEqual([['1', true], ['2', false], ['3', true]]);

    const teacher = await new HttpClient(app.baseUrl).login('teacher@middle.demo.sen.go.kr', 'aiedu-demo-2026');
    const me = (await teacher.get('/api/v1/auth/me')).body;
    const [chatgpt] = (await teacher.get('/api/v1/consent/services')).body.items.filter((s: { name: string }) => s.name === 'ChatGPT');
    const list = (await teacher.get(`/api/v1/consent/eligibility/class?schoolId=${me.schoolId}&grade=8&classNo=1&serviceId=${chatgpt.id}`)).body.items;
    expect(list.map((i: { studentCode: string; allowed: boolean }) => [i.studentCode, i.allowed])).toEqual([
      ['2101', false], ['2102', true], ['2103', false], ['2104', false], ['2105', false], ['2106', false], ['2107', false], ['2108', true],
    ]);
    const letters = (await teacher.get('/api/v1/consent/letters')).body.items;
    expect(letters[0]).toMatchObject({ students: 8, opened: 2, answered: 1 });
  });

  it('prints a teacher waiting for activation whose link opens their training record', async () => {
    const url = /activation \(김하늘, 서울개포초등학교\): (\S+)/.exec(firstRun)?.[1];
    expect(url).toMatch(/\/activate\?token=/);
    const token = new URL(url!).searchParams.get('token');
    const anon = new HttpClient(app.baseUrl);
    const activated = await anon.post('/api/v1/auth/activate', { token, password: 'sky-over-gaepo-2026' });
    expect(activated.status).toBe(200);
    anon.token = activated.body.accessToken;
    const record = (await anon.get('/api/v1/training/me')).body;
    expect(record.completions.map((c: { code: string }) => c.code)).toEqual(['AI-B-101']);
    const admin = await new HttpClient(app.baseUrl).login('gangnam@sen.go.kr', 'aiedu-demo-2026');
    const staff = (await admin.get('/api/v1/users?q=gaepo')).body.items.map((u: { email: string }) => u.email);
    expect(staff).toEqual(expect.arrayContaining(['principal@gaepo.es.kr', 'teacher@gaepo.es.kr', 'haneul.kim@gaepo.es.kr']));
  });
});
