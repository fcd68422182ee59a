import { codedSchools } from './support/account-fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

/** Refused access is recorded with who, which route and object, and why; city admins read it. */
describe('access denials in the audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function denials(admin: HttpClient, expected: number) {
    for (let i = 0; i < 50; i++) {
      const res = await admin.get('/api/v1/audit?action=access.denied');
      if (res.body.length >= expected) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await admin.get('/api/v1/audit?action=access.denied')).body;
  }

  it('records 403s and refused tokens, not anonymous requests without credentials', async () => {
    const s = await codedSchools(app.db);
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const teacher = await app.as({ email: 'teacher@sen.go.kr', role: 'teacher', schoolId: s.a.id, displayName: '가학교 교사' });
    const principal = await app.as({ email: 'principal@sen.go.kr', role: 'principal', schoolId: s.a.id, displayName: '가학교 교장' });
    const far = await app.as({ email: 'far@sen.go.kr', role: 'teacher', schoolId: s.elsewhere.id });

    expect((await teacher.get('/api/v1/users')).status).toBe(403);
    expect((await principal.patch(`/api/v1/users/${far.userId}`, { name: 'x' })).status).toBe(403);
    expect((await principal.get(`/api/v1/schools/${s.elsewhere.id}/classroom/history`)).status).toBe(403);
    expect((await new HttpClient(app.baseUrl).get('/api/v1/schools')).status).toBe(401);
    const forged = new HttpClient(app.baseUrl);
    forged.token = 'forged.token.value';
    expect((await forged.get('/api/v1/schools')).status).toBe(401);

    const rows = await denials(admin, 4);
    expect(rows).toHaveLength(4);
    const byRoute = rows.map((r: { entityId: string; actorName: string | null; after: { status: number; code: string; params: Record<string, string> } }) => ({
      route: r.entityId, actor: r.actorName, status: r.after.status, code: r.after.code, params: r.after.params,
    }));
    expect(byRoute).toEqual(expect.arrayContaining([
      { route: 'GET /api/v1/users', actor: '가학교 교사', status: 403, code: 'ROLE_NOT_ALLOWED', params: {} },
      { route: 'PATCH /api/v1/users/:id', actor: '가학교 교장', status: 403, code: 'ACCOUNT_OUT_OF_REACH', params: { id: far.userId } },
      { route: 'GET /api/v1/schools/:id/classroom/history', actor: '가학교 교장', status: 403, code: 'SCHOOL_OUT_OF_SCOPE', params: { id: String(s.elsewhere.id) } },
      { route: 'GET /api/v1/schools', actor: null, status: 401, code: 'INVALID_TOKEN', params: {} },
    ]));
    expect((await teacher.get('/api/v1/audit?action=access.denied')).status).toBe(403);
  });
});
