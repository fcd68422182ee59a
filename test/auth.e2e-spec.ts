import { UsersService } from '@app/accounts';
import { HttpClient } from './support/http-client';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';

describe('accounts and login', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => app.close());

  it('logs in with email and password and returns a bearer token that /auth/me accepts', async () => {
    const admin = await app.as({ email: 'Admin@Sen.go.kr', role: 'city_admin' });
    const me = await admin.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'admin@sen.go.kr', role: 'city_admin', schoolId: null });
    const [row] = await app.db.query(`SELECT password_hash FROM users WHERE email = 'admin@sen.go.kr'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects a missing, malformed or forged token with 401', async () => {
    const anon = new HttpClient(app.baseUrl);
    expect((await anon.get('/api/v1/schools')).status).toBe(401);
    anon.token = 'not-a-jwt';
    const bad = await anon.get('/api/v1/schools');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('INVALID_TOKEN');
    // A token signed with another secret.
    const other = await startTestApp();
    try {
      const foreign = await other.as({ email: 'x@sen.go.kr', role: 'city_admin' });
      anon.token = foreign.token;
      expect((await anon.get('/api/v1/schools')).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('rate-limits repeated failures per email with 429 and Retry-After, and logs every attempt', async () => {
    await app.as({ email: 'victim@sen.go.kr', role: 'city_admin' });
    const anon = new HttpClient(app.baseUrl);
    for (let i = 0; i < 3; i++) {
      const r = await anon.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: 'wrong-password' });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('BAD_CREDENTIALS');
    }
    const blocked = await anon.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const outcomes = await app.db.query(`SELECT outcome FROM login_attempts WHERE email = 'victim@sen.go.kr' ORDER BY id`);
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['success', 'bad_credentials', 'bad_credentials', 'bad_credentials', 'rate_limited']);
  });

  it('does not tell an unknown email from a wrong password', async () => {
    const anon = new HttpClient(app.baseUrl);
    const unknown = await anon.post('/api/v1/auth/login', { email: 'nobody@sen.go.kr', password: 'whatever1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('BAD_CREDENTIALS');
  });

  it('refuses a disabled account at login and for tokens issued before it was disabled', async () => {
    const user = await app.as({ email: 'leaver@sen.go.kr', role: 'city_admin' });
    await app.db.query(`UPDATE users SET status = 'disabled' WHERE email = 'leaver@sen.go.kr'`);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    const again = await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: 'leaver@sen.go.kr', password: TEST_PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('answers bad login bodies with 400 naming the field', async () => {
    const anon = new HttpClient(app.baseUrl);
    const malformed = await anon.request('POST', '/api/v1/auth/login', undefined, '{"email": "a@b.c", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    const extra = await anon.post('/api/v1/auth/login', { email: 'a@b.co', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'admin' })]));
    const wrongType = await anon.post('/api/v1/auth/login', { email: 42, password: 'x' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.details[0].field).toBe('email');
  });

  it('requires a school for principals and teachers and an office for district admins', async () => {
    const auth = app.api.get(UsersService);
    await expect(auth.createSystem({ email: 'p@sen.go.kr', password: TEST_PASSWORD, role: 'principal' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(auth.createSystem({ email: 'd@sen.go.kr', password: TEST_PASSWORD, role: 'district_admin', districtOffice: 'nowhere' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(auth.createSystem({ email: 'admin@sen.go.kr', password: TEST_PASSWORD, role: 'city_admin' })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
  });
});
