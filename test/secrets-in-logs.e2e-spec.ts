import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { codedSchools, linkToken } from './support/account-fixtures';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from './support/consent-fixtures';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { freePort } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';

const DEFINITION = { title: '만족도', sections: [{ id: 'main', title: '문항', questions: [{ id: 'sat', text: '만족도', required: true, type: 'likert5' }] }] };

/**
 * One-time secrets (a survey code, a guardian's consent link, an activation link) are used against
 * the built api running on its own with the most verbose logging; afterwards none of them appears
 * in anything it printed, nor (survey code) in any table, nor as a plain hash.
 */
describe('one-time codes and links leave no trace in logs or tables', () => {
  let app: TestApp;
  let child: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    app = await startTestApp();
    const main = join(__dirname, '../dist/apps/api/src/main.js');
    expect(existsSync(main)).toBe(true);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [main], {
      env: { ...process.env, DATABASE_URL: app.config.databaseUrl, REDIS_URL: app.config.redisUrl, QUEUE_PREFIX: app.config.queuePrefix, PORT: String(port), LOG_LEVEL: 'trace', NODE_ENV: 'test', TOKEN_SECRET: app.config.tokenSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => undefined))?.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the api did not start:\n${output}`);
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.close();
  });

  it('keeps a submitted survey code out of every log line and every table', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
    const campaign = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '흔적 시험', audience: 'parents', target: { schoolIds: [gaepo] },
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaign.body.id}/schools/${gaepo}/codes`, { count: 2 });
    const code: string = body.codes[0];
    const plain = code.replace(/-/g, '');

    const respondent = new HttpClient(base);
    expect((await respondent.get(`/api/v1/surveys/respond/${code}`)).status).toBe(200);
    expect((await respondent.put(`/api/v1/surveys/respond/${code}/draft`, { answers: { sat: 4 } })).status).toBe(200);
    const submitted = await respondent.post(`/api/v1/surveys/respond/${code}/submit`, { answers: { sat: 5 }, idempotencyKey: 'privacy-check-0001' });
    expect(submitted.status).toBe(200);
    expect((await respondent.send(`/respond/${code}`, { method: 'GET' })).status).toBeLessThan(500);
    // A wrong code is not echoed either.
    expect((await respondent.get(`/api/v1/surveys/respond/ZZZZZ-99999/submit`)).status).toBeGreaterThanOrEqual(400);

    await new Promise((r) => setTimeout(r, 300));
    expect(output.length).toBeGreaterThan(1000);
    // One line per request, with the route template, status, duration, user and request id.
    const lines = output.split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l));
    expect(lines.find((l) => l.route === '/api/v1/surveys/respond/:code/submit')).toMatchObject({ method: 'POST', status: 200, durationMs: expect.any(Number), userId: null, requestId: expect.any(String) });
    expect(output).not.toContain('incoming request');
    for (const secret of [code, plain, plain.toLowerCase(), 'ZZZZZ-99999']) expect(output).not.toContain(secret);

    // The response's id is random, not a sequence number.
    expect(submitted.body.responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Not the code, and not its plain SHA-256 (reversible offline for a ~49-bit code), anywhere in the database.
    const sha = createHash('sha256').update(plain).digest('hex');
    const tables: { table_name: string }[] = await app.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const [{ hits }] = await app.db.query(
        `SELECT count(*)::int AS hits FROM "${table_name}" t WHERE strpos(upper(t::text), $1) > 0 OR strpos(upper(t::text), $2) > 0 OR strpos(t::text, $3) > 0`,
        [code, plain, sha],
      );
      expect({ table: table_name, hits }).toEqual({ table: table_name, hits: 0 });
    }
  });

  it('keeps consent and activation links out of every log line', async () => {
    const admin = await app.as({ email: 'admin2@sen.go.kr', role: 'city_admin' });
    const [{ id: middle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
    const teacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle });
    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    await admin.post(`/api/v1/consent/services/${service.body.id}/notices`, { schoolYear: schoolYear(), ...NOTICE });
    await teacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: 'P15', grade: 8, classNo: 1, birthMonth: bornYearsAgo(15) });
    const letter = await teacher.post('/api/v1/consent/letters', { serviceId: service.body.id, schoolId: middle, grade: 8, classNo: 1 });
    expect(letter.status).toBe(201);
    const token: string = letter.body.slips[0].token;
    const guardian = new HttpClient(base);
    expect((await guardian.get(`/api/v1/consent/respond/${token}`)).status).toBe(200);
    expect((await guardian.post(`/api/v1/consent/respond/${token}`, { decision: 'granted', guardianRelation: 'mother' })).status).toBeLessThan(300);

    const s = await codedSchools(app.db);
    const created = await admin.post('/api/v1/users', { email: 'new@sen.go.kr', name: '새 교사', role: 'teacher', schoolId: s.a.id });
    const activation = linkToken(created.body.activationUrl);
    const person = new HttpClient(base);
    expect((await person.send(`/activate?token=${activation}`, { method: 'GET' })).status).toBeLessThan(500);
    expect((await person.post('/api/v1/auth/activate/check', { token: activation })).status).toBe(200);
    expect((await person.post('/api/v1/auth/activate', { token: activation, password: 'quiet-harbor-2026' })).status).toBe(200);

    await new Promise((r) => setTimeout(r, 300));
    expect(output).toContain('"route":"/api/v1/consent/respond/:token"');
    expect(output).toContain('"route":"/api/v1/auth/activate"');
    expect(output).not.toContain(token);
    expect(output).not.toContain(activation);
    expect(output).not.toContain('quiet-harbor-2026');
  });
});
