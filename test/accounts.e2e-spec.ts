import ExcelJS from 'exceljs';
import { JwtService } from '@nestjs/jwt';
import { activate, codedSchools, CodedSchool, linkToken } from './support/account-fixtures';
import { countRows } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';

const NEW_PASSWORD = 'harbor-lights-2026';

describe('accounts: delegated administration, activation, sessions', () => {
  let app: TestApp;
  let city: Awaited<ReturnType<TestApp['as']>>;
  let district: Awaited<ReturnType<TestApp['as']>>;
  let principal: Awaited<ReturnType<TestApp['as']>>;
  let teacher: Awaited<ReturnType<TestApp['as']>>;
  let s: { a: CodedSchool; b: CodedSchool; c: CodedSchool; elsewhere: CodedSchool };

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'true' } });
    s = await codedSchools(app.db);
    city = await app.as({ email: 'city@sen.go.kr', role: 'city_admin', displayName: '교육청 담당' });
    district = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남 담당' });
    principal = await app.as({ email: 'principal.a@sen.go.kr', role: 'principal', schoolId: s.a.id, displayName: '가학교 교장' });
    teacher = await app.as({ email: 'teacher.a@sen.go.kr', role: 'teacher', schoolId: s.a.id, displayName: '가학교 교사' });
  });
  afterAll(() => app.close());

  describe('who may create whom', () => {
    it('lets each manager create the accounts below them, by school id or NEIS code, with a one-time activation link', async () => {
      const d = await city.post('/api/v1/users', { email: 'dongbu@sen.go.kr', name: '동부 담당', role: 'district_admin', districtOffice: 'dongbu' });
      expect(d.status).toBe(201);
      expect(d.body).toMatchObject({ role: 'district_admin', districtOffice: 'dongbu', status: 'active', activated: false, createdBy: { name: '교육청 담당' } });
      expect(d.body.activationUrl).toMatch(/\/activate\?token=[A-Za-z0-9_-]{43}$/);

      const p = await district.post('/api/v1/users', { email: 'principal.b@sen.go.kr', name: '나학교 교장', role: 'principal', schoolCode: s.b.code });
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({ schoolId: s.b.id, schoolCode: s.b.code, schoolName: s.b.name, districtOffice: 'gangnam-seocho' });

      const t = await principal.post('/api/v1/users', { email: 'new.teacher@sen.go.kr', name: '새 교사', role: 'teacher', schoolId: s.a.id, teacherNumber: 'T-0001' });
      expect(t.status).toBe(201);
      expect(t.body.teacherNumber).toBe('T-0001');
      // No password anywhere in the response.
      expect(JSON.stringify(t.body)).not.toMatch(/password"\s*:\s*"/);
    });

    it.each([
      ['a district admin creating a district admin', () => district, { role: 'district_admin', districtOffice: 'gangnam-seocho' }, 'role_within_reach'],
      ['a district admin creating a city admin', () => district, { role: 'city_admin' }, 'role_within_reach'],
      ["a district admin creating a teacher in another office's school", () => district, { role: 'teacher', schoolId: 0 }, 'scope_within_reach'],
      ['a principal creating a principal', () => principal, { role: 'principal', schoolId: -1 }, 'role_within_reach'],
      ['a principal creating a teacher of another school', () => principal, { role: 'teacher', schoolId: -2 }, 'scope_within_reach'],
    ])('refuses %s (403, nothing written)', async (_, who, body, rule) => {
      const resolved = { ...body } as Record<string, unknown>;
      if (resolved.schoolId === 0) resolved.schoolId = s.elsewhere.id;
      if (resolved.schoolId === -1) resolved.schoolId = s.a.id;
      if (resolved.schoolId === -2) resolved.schoolId = s.b.id;
      const before = await countRows(app.db, 'users');
      const res = await who().post('/api/v1/users', { email: `nope.${rule}.${Math.random().toString(36).slice(2, 8)}@sen.go.kr`, name: '거부', ...resolved });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_OUT_OF_REACH');
      expect(res.body.details.map((d: { rule: string }) => d.rule)).toContain(rule);
      expect(await countRows(app.db, 'users')).toBe(before);
    });

    it('refuses teachers at the door of user management', async () => {
      expect((await teacher.get('/api/v1/users')).status).toBe(403);
      expect((await teacher.post('/api/v1/users', { email: 'x@sen.go.kr', name: 'x', role: 'teacher', schoolId: s.a.id })).status).toBe(403);
    });

    it('answers bad bodies with 400 naming the field, duplicates with 409, and writes nothing', async () => {
      const before = await countRows(app.db, 'users');
      const bad = await city.post('/api/v1/users', { email: 'not-an-email', name: '  ', role: 'boss', schoolCode: '12' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'name', 'role', 'schoolCode']));
      const noSchool = await city.post('/api/v1/users', { email: 'x1@sen.go.kr', name: '학교 없음', role: 'teacher' });
      expect(noSchool.status).toBe(400);
      expect(noSchool.body.details[0].field).toBe('schoolId');
      const unknown = await city.post('/api/v1/users', { email: 'x2@sen.go.kr', name: '없는 학교', role: 'teacher', schoolCode: '1234567' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0]).toMatchObject({ field: 'schoolCode' });
      const dupEmail = await city.post('/api/v1/users', { email: 'TEACHER.A@sen.go.kr', name: '중복', role: 'teacher', schoolId: s.a.id });
      expect(dupEmail.status).toBe(409);
      expect(dupEmail.body).toMatchObject({ code: 'EMAIL_TAKEN', details: [{ field: 'email' }] });
      const dupNumber = await city.post('/api/v1/users', { email: 'x3@sen.go.kr', name: '중복 번호', role: 'teacher', schoolId: s.a.id, teacherNumber: 'T-0001' });
      expect(dupNumber.status).toBe(409);
      expect(dupNumber.body.code).toBe('TEACHER_NUMBER_TAKEN');
      expect(await countRows(app.db, 'users')).toBe(before);
    });
  });

  describe('lists', () => {
    it('shows each manager only the accounts they manage, with filters and paging', async () => {
      const mine = await principal.get('/api/v1/users?pageSize=100');
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((u: { role: string; schoolId: number }) => u.role === 'teacher' && u.schoolId === s.a.id)).toBe(true);

      const office = await district.get('/api/v1/users?pageSize=100');
      expect(office.body.items.every((u: { role: string; districtOffice: string }) => ['principal', 'teacher'].includes(u.role) && u.districtOffice === 'gangnam-seocho')).toBe(true);
      expect(office.body.items.map((u: { email: string }) => u.email)).not.toContain('gangnam@sen.go.kr');

      const all = await city.get('/api/v1/users?pageSize=2&page=1');
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThanOrEqual(7);
      const q = await city.get(`/api/v1/users?q=${encodeURIComponent('새 교')}`);
      expect(q.body.items.map((u: { email: string }) => u.email)).toEqual(['new.teacher@sen.go.kr']);
      const byRole = await city.get('/api/v1/users?role=district_admin&districtOffice=dongbu');
      expect(byRole.body.items.map((u: { email: string }) => u.email)).toEqual(['dongbu@sen.go.kr']);
      const pending = await city.get(`/api/v1/users?schoolId=${s.a.id}&pending=true`);
      expect(pending.body.items.map((u: { email: string }) => u.email)).toEqual(['new.teacher@sen.go.kr']);

      // Another office's account is not there to find, even by id.
      const other = await app.as({ email: 'far.teacher@sen.go.kr', role: 'teacher', schoolId: s.elsewhere.id });
      expect((await district.get(`/api/v1/users/${other.userId}`)).status).toBe(404);
      expect((await district.patch(`/api/v1/users/${other.userId}`, { name: '탈취' })).status).toBe(403);
      expect((await principal.post(`/api/v1/users/${other.userId}/reset-password`, {})).status).toBe(403);
    });

    it('exports the filtered list as XLSX with Korean headers', async () => {
      const res = await district.send<Buffer>('/api/v1/users/export.xlsx?role=teacher', { method: 'GET' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(1).value).toBe('이름');
      const emails = ws.getColumn(2).values.slice(2);
      expect(emails).toEqual(expect.arrayContaining(['teacher.a@sen.go.kr', 'new.teacher@sen.go.kr']));
      expect(emails).not.toContain('far.teacher@sen.go.kr');
      expect(emails).not.toContain('principal.a@sen.go.kr');
    });
  });

  describe('activation links', () => {
    it('greets the holder, refuses a weak password with every rule, activates once, and signs the person in', async () => {
      const created = await principal.post('/api/v1/users', { email: 'hana.kim@sen.go.kr', name: '김하나', role: 'teacher', schoolId: s.a.id });
      const token = linkToken(created.body.activationUrl);
      const anon = new HttpClient(app.baseUrl);
      const check = await anon.post('/api/v1/auth/activate/check', { token });
      expect(check.body).toMatchObject({ purpose: 'activation', email: 'hana.kim@sen.go.kr', name: '김하나' });

      const weak = await anon.post('/api/v1/auth/activate', { token, password: 'hana.kim12' });
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      expect(weak.body.details.map((d: { rule: string }) => d.rule)).toEqual(expect.arrayContaining(['contains_email']));
      const common = await anon.post('/api/v1/auth/activate', { token, password: 'qwer1234!' });
      expect(common.body.details.map((d: { rule: string }) => d.rule)).toEqual(['common']);

      const ok = await anon.post('/api/v1/auth/activate', { token, password: NEW_PASSWORD });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ email: 'hana.kim@sen.go.kr', activated: true });
      const me = new HttpClient(app.baseUrl);
      me.token = ok.body.accessToken;
      expect((await me.get('/api/v1/auth/me')).body.name).toBe('김하나');

      const again = await anon.post('/api/v1/auth/activate', { token, password: 'another-one-2026' });
      expect(again.status).toBe(410);
      expect(again.body.code).toBe('LINK_UNUSABLE');
      expect((await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: 'hana.kim@sen.go.kr', password: NEW_PASSWORD })).status).toBe(200);
      // Only a keyed hash of the token is stored, never the token.
      const stored = await app.db.query(`SELECT token_hash, sealed FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = 'hana.kim@sen.go.kr'`);
      expect(JSON.stringify(stored)).not.toContain(token);
    });

    it('cannot log in to an account that has not been activated', async () => {
      const res = await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: 'new.teacher@sen.go.kr', password: TEST_PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('BAD_CREDENTIALS');
    });

    it('expires: a link past its date is refused', async () => {
      const created = await principal.post('/api/v1/users', { email: 'late@sen.go.kr', name: '늦은 교사', role: 'teacher', schoolId: s.a.id });
      await app.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [created.body.id]);
      const res = await new HttpClient(app.baseUrl).post('/api/v1/auth/activate', { token: linkToken(created.body.activationUrl), password: NEW_PASSWORD });
      expect(res.status).toBe(410);
    });

    it('lists the live links of a school for its principal to print, and the office’s for the district', async () => {
      const mine = await principal.get(`/api/v1/users/activation-links?schoolId=${s.a.id}`);
      expect(mine.status).toBe(200);
      const emails = mine.body.map((l: { email: string }) => l.email);
      expect(emails).toContain('new.teacher@sen.go.kr');
      expect(emails).not.toContain('hana.kim@sen.go.kr'); // activated
      expect(emails).not.toContain('late@sen.go.kr'); // expired
      const reprinted = mine.body.find((l: { email: string }) => l.email === 'new.teacher@sen.go.kr');
      const check = await new HttpClient(app.baseUrl).post('/api/v1/auth/activate/check', { token: linkToken(reprinted.activationUrl) });
      expect(check.status).toBe(200);
      const foreign = await principal.get(`/api/v1/users/activation-links?schoolId=${s.b.id}`);
      expect(foreign.body).toEqual([]);
    });
  });

  describe('sessions end when they should', () => {
    async function person(email: string, name: string): Promise<{ id: string; client: HttpClient }> {
      const created = await principal.post('/api/v1/users', { email, name, role: 'teacher', schoolId: s.a.id });
      const client = await activate(app.baseUrl, created.body.activationUrl, NEW_PASSWORD);
      return { id: created.body.id, client };
    }

    it('a password change ends every earlier token and returns a new one', async () => {
      const { client } = await person('change@sen.go.kr', '변경 교사');
      const other = await new HttpClient(app.baseUrl).login('change@sen.go.kr', NEW_PASSWORD);
      const wrong = await client.post('/api/v1/auth/password', { currentPassword: 'not-it-at-all-1', newPassword: 'brand-new-pass-77' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details[0].field).toBe('currentPassword');
      const weak = await client.post('/api/v1/auth/password', { currentPassword: NEW_PASSWORD, newPassword: 'short1' });
      expect(weak.status).toBe(400);
      expect(weak.body.details[0]).toMatchObject({ field: 'newPassword', rule: 'too_short' });
      const changed = await client.post('/api/v1/auth/password', { currentPassword: NEW_PASSWORD, newPassword: 'brand-new-pass-77' });
      expect(changed.status).toBe(200);
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
      expect((await other.get('/api/v1/auth/me')).status).toBe(401);
      client.token = changed.body.accessToken;
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);
      expect((await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: 'change@sen.go.kr', password: NEW_PASSWORD })).status).toBe(401);
    });

    it('logout ends that token only', async () => {
      const a = await new HttpClient(app.baseUrl).login('change@sen.go.kr', 'brand-new-pass-77');
      const b = await new HttpClient(app.baseUrl).login('change@sen.go.kr', 'brand-new-pass-77');
      expect((await a.post('/api/v1/auth/logout')).status).toBe(204);
      expect((await a.get('/api/v1/auth/me')).status).toBe(401);
      expect((await b.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('disabling, re-enabling, or changing role or school ends the account’s tokens; the name does not', async () => {
      const { id, client } = await person('moving@sen.go.kr', '이동 교사');
      expect((await district.patch(`/api/v1/users/${id}`, { name: '이동한 교사' })).status).toBe(200);
      expect((await client.get('/api/v1/auth/me')).body.name).toBe('이동한 교사');

      expect((await district.patch(`/api/v1/users/${id}`, { schoolCode: s.b.code })).status).toBe(200);
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);

      await client.login('moving@sen.go.kr', NEW_PASSWORD);
      const disabled = await district.patch(`/api/v1/users/${id}`, { status: 'disabled' });
      expect(disabled.body.status).toBe('disabled');
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
      const refused = await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: 'moving@sen.go.kr', password: NEW_PASSWORD });
      expect(refused.body.code).toBe('ACCOUNT_DISABLED');
      expect((await district.patch(`/api/v1/users/${id}`, { status: 'active' })).status).toBe(200);
      await client.login('moving@sen.go.kr', NEW_PASSWORD);
      expect((await district.patch(`/api/v1/users/${id}`, { role: 'principal' })).status).toBe(200);
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    });

    it('a reset link or a temporary password ends the tokens; a temporary password must be changed before anything else', async () => {
      const { id, client } = await person('forgot@sen.go.kr', '잊은 교사');
      const link = await principal.post(`/api/v1/users/${id}/reset-password`, {});
      expect(link.body).toMatchObject({ method: 'link' });
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
      const viaLink = await activate(app.baseUrl, link.body.url, 'reset-by-link-2026');
      expect((await viaLink.get('/api/v1/auth/me')).status).toBe(200);

      const temp = await principal.post(`/api/v1/users/${id}/reset-password`, { method: 'temporary' });
      expect(temp.body.method).toBe('temporary');
      expect(temp.body.temporaryPassword).toMatch(/^.{12}$/);
      expect((await viaLink.get('/api/v1/auth/me')).status).toBe(401);
      const withTemp = await new HttpClient(app.baseUrl).login('forgot@sen.go.kr', temp.body.temporaryPassword);
      const me = await withTemp.get('/api/v1/auth/me');
      expect(me.body.mustChangePassword).toBe(true);
      const blocked = await withTemp.get('/api/v1/training/me');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await withTemp.post('/api/v1/auth/password', { currentPassword: temp.body.temporaryPassword, newPassword: 'my-own-choice-2026' });
      expect(changed.status).toBe(200);
      withTemp.token = changed.body.accessToken;
      expect((await withTemp.get('/api/v1/auth/me')).body.mustChangePassword).toBe(false);
      // An admin-chosen temporary password is held to the policy too.
      const weakTemp = await principal.post(`/api/v1/users/${id}/reset-password`, { temporaryPassword: 'abc' });
      expect(weakTemp.status).toBe(400);
      expect(weakTemp.body.details[0].field).toBe('temporaryPassword');
    });

    it('refuses a token without an expiry, or without a session, even when correctly signed', async () => {
      const jwt = app.api.get(JwtService);
      const [row] = await app.db.query(`SELECT id FROM user_sessions WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1`, [city.userId]);
      const client = new HttpClient(app.baseUrl);
      client.token = await jwt.signAsync({ sub: city.userId, sid: row.id });
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
      client.token = await jwt.signAsync({ sub: city.userId }, { expiresIn: 600 });
      expect((await client.get('/api/v1/auth/me')).status).toBe(401);
      client.token = await jwt.signAsync({ sub: city.userId, sid: row.id }, { expiresIn: 600 });
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('keeps people from disabling themselves or changing their own role', async () => {
      const self = await city.patch(`/api/v1/users/${city.userId}`, { status: 'disabled' });
      expect(self.status).toBe(403);
      expect(self.body.details[0].rule).toBe('not_self');
      expect((await principal.patch(`/api/v1/users/${principal.userId}`, { role: 'teacher' })).status).toBe(403);
      const rename = await teacher.patch('/api/v1/auth/me', { name: '이름을 바꾼 교사' });
      expect(rename.status).toBe(200);
      expect(rename.body.displayName).toBe('이름을 바꾼 교사');
    });
  });

  describe('login throttling per account and address', () => {
    const from = (ip: string) => {
      const c = new HttpClient(app.baseUrl);
      const send = c.send.bind(c);
      c.send = (path, init) => send(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': ip } });
      return c;
    };

    it('slows one address down, doubling the wait, while the holder at another address still gets in', async () => {
      await app.as({ email: 'target@sen.go.kr', role: 'city_admin' });
      const attacker = from('203.0.113.7');
      for (let i = 0; i < 3; i++) expect((await attacker.post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: 'guess-number-' + i })).status).toBe(401);
      const blocked = await attacker.post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      const first = Number(blocked.headers.get('retry-after'));
      expect(first).toBeGreaterThan(20);
      expect(first).toBeLessThanOrEqual(30);

      const holder = from('198.51.100.20');
      expect((await holder.post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: TEST_PASSWORD })).status).toBe(200);

      // The wait passes; one more wrong guess doubles the next one.
      await app.db.query(`UPDATE login_attempts SET at = at - interval '31 seconds' WHERE ip = '203.0.113.7'`);
      expect((await attacker.post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: 'guess-number-4' })).status).toBe(401);
      const second = Number((await attacker.post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: TEST_PASSWORD })).headers.get('retry-after'));
      expect(second).toBeGreaterThan(50);
      expect(second).toBeLessThanOrEqual(60);
    });

    it('stops an address that sprays one password over many accounts', async () => {
      const sprayer = from('192.0.2.99');
      for (let i = 0; i < 30; i++) await sprayer.post('/api/v1/auth/login', { email: `victim${i}@sen.go.kr`, password: 'Spring2026!!' });
      const res = await sprayer.post('/api/v1/auth/login', { email: 'victim99@sen.go.kr', password: 'Spring2026!!' });
      expect(res.status).toBe(429);
      expect((await from('192.0.2.100').post('/api/v1/auth/login', { email: 'target@sen.go.kr', password: TEST_PASSWORD })).status).toBe(200);
    });
  });

  describe('audit', () => {
    it('records account changes and sign-ins for city admins to read, by who and what', async () => {
      const log = await city.get('/api/v1/audit?entityType=user&limit=500');
      expect(log.status).toBe(200);
      const actions = new Set(log.body.map((r: { action: string }) => r.action));
      for (const a of ['account.created', 'account.changed', 'account.disabled', 'account.enabled', 'account.scope_changed', 'account.password_reset', 'account.password_changed', 'account.activated', 'login.succeeded', 'login.failed']) {
        expect(actions).toContain(a);
      }
      const disabled = log.body.find((r: { action: string }) => r.action === 'account.disabled');
      expect(disabled).toMatchObject({ actorName: '강남 담당', actorRole: 'district_admin', before: { status: 'active' }, after: { status: 'disabled' } });
      expect((await district.get('/api/v1/audit')).status).toBe(403);
      const onlyLogins = await city.get('/api/v1/audit?action=login');
      expect(onlyLogins.body.every((r: { action: string }) => r.action.startsWith('login.'))).toBe(true);
    });
  });

  describe('training records follow the teacher number', () => {
    it('shows completions imported before and after the account on the teacher’s first login', async () => {
      await createCourses(city);
      const early = await city.upload('/api/v1/training/completions/import', completionCsv([['T-EARLY', '먼저 교사', '', '교원', '', 'AI-B-101', '', '2025-05-01', '']]), 'early.csv');
      expect(early.status).toBe(201);
      const created = await principal.post('/api/v1/users', { email: 'early@sen.go.kr', name: '먼저 교사', role: 'teacher', schoolId: s.a.id, teacherNumber: 'T-EARLY' });
      const earlyClient = await activate(app.baseUrl, created.body.activationUrl, NEW_PASSWORD);
      const record = await earlyClient.get('/api/v1/training/me');
      expect(record.status).toBe(200);
      expect(record.body.completions.map((c: { code: string }) => c.code)).toEqual(['AI-B-101']);

      const later = await principal.post('/api/v1/users', { email: 'later@sen.go.kr', name: '나중 교사', role: 'teacher', schoolId: s.a.id, teacherNumber: 'T-LATER' });
      const laterClient = await activate(app.baseUrl, later.body.activationUrl, NEW_PASSWORD);
      expect((await laterClient.get('/api/v1/training/me')).status).toBe(404);
      const imported = await city.upload('/api/v1/training/completions/import', completionCsv([['T-LATER', '나중 교사', 'someone.else@example.com', '교원', '', 'AI-B-102', '', '2025-06-01', '']]), 'later.csv');
      expect(imported.status).toBe(201);
      const after = await laterClient.get('/api/v1/training/me');
      expect(after.body.completions.map((c: { code: string }) => c.code)).toEqual(['AI-B-102']);
    });
  });
});
