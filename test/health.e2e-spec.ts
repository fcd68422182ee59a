import { startTestApp, TestApp } from './support/test-app';

describe('operability', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('reports database and Redis health', async () => {
    const res = await app.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document with the routes the acceptance checks use', async () => {
    const res = await app.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/schools', '/api/v1/schools/{id}/classroom', '/api/v1/classrooms/stats', '/api/v1/jobs/{id}']),
    );
  });

  it('sends nosniff, a Content-Security-Policy and the other protective headers on pages and the api', async () => {
    for (const path of ['/', '/login', '/api/health', '/api/v1/schools']) {
      const res = await app.http.send(path, { method: 'GET' });
      expect({ path, nosniff: res.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
    const docs = await app.http.send('/api/docs', { method: 'GET' });
    expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('echoes a caller-supplied request id and gives one error shape for unknown routes', async () => {
    const res = await app.http.send('/api/v1/no-such-thing', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', requestId: 'abc-123' });
  });
});

describe('bad ids', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers a non-numeric id with 400 naming the parameter, never 500', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    for (const path of ['/api/v1/training/participants/abc', '/api/v1/designations/calls/x1', '/api/v1/designations/applications/-1', '/api/v1/training/courses/99999999999']) {
      const res = await admin.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.details[0].field).toMatch(/id$/i);
    }
  });
});
