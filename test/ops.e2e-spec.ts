import { freePort } from './support/own-redis';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('metrics for the operators', () => {
  let app: TestApp;
  let workerPort: number;
  beforeAll(async () => {
    workerPort = await freePort();
    app = await startTestApp({ worker: true, env: { METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: String(workerPort) } });
  });
  afterAll(() => app.close());

  const scrape = (token?: string) => fetch(`${app.baseUrl}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('serves the api process metrics to the metrics token or a city admin, and no one else', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const teacher = await app.as({ email: 't@sen.go.kr', role: 'teacher', schoolId: 1 });
    expect((await admin.get('/api/v1/schools?pageSize=5')).status).toBe(200);
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401);
    expect((await scrape(teacher.token)).status).toBe(403);
    expect((await scrape(admin.token)).status).toBe(200);
    const res = await scrape(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // HTTP by route template (never the raw URL), the pool, the queues, the outbox, memory and event-loop lag.
    expect(text).toMatch(/aiedu_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/schools",status="200"\} \d+/);
    expect(text).not.toContain('pageSize=5');
    expect(text).toMatch(/aiedu_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/aiedu_queue_jobs\{queue="exports",state="waiting"\} \d+/);
    expect(text).toMatch(/aiedu_outbox_pending_jobs \d+/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds [\d.e-]+/);
  });

  it('serves the worker’s metrics, with its job durations, on its own port', async () => {
    const admin = await app.as({ email: 'admin2@sen.go.kr', role: 'city_admin' });
    const job = await admin.post('/api/v1/exports/classrooms');
    expect(job.status).toBe(202);
    await app.waitForQueues();
    const worker = (token?: string) => fetch(`http://127.0.0.1:${workerPort}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await worker()).status).toBe(401);
    const text = await (await worker(TOKEN)).text();
    expect(text).toMatch(/aiedu_job_duration_seconds_count\{name="classroom-export",outcome="completed"\} 1/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });
});

describe('metrics off without a token', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers 404', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    expect((await admin.get('/api/metrics')).status).toBe(404);
  });
});

describe('the web UI’s files', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('caches hashed assets for a year, revalidates the page, and sends text compressed', async () => {
    const page = await fetch(`${app.baseUrl}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.baseUrl}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect((await asset.text()).length).toBeGreaterThan(1000);
    const gzip = await fetch(`${app.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    // A client route is the page too, never cached.
    const route = await fetch(`${app.baseUrl}/schools/1`);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    const favicon = await fetch(`${app.baseUrl}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/icon/);
    const json = await fetch(`${app.baseUrl}/api/docs-json`, { headers: { 'accept-encoding': 'br' } });
    expect(json.headers.get('content-encoding')).toBe('br');
    expect(Object.keys((await json.json()).paths).length).toBeGreaterThan(50);
    expect((await new HttpClient(app.baseUrl).get('/api/health')).status).toBe(200);
  });

  it('answers the respondent and guardian links with their own small document, and every other path with the app', async () => {
    const entry = async (path: string) => /<script[^>]+src="\/assets\/([a-zA-Z]+)-[^"]+\.js"/.exec(await (await fetch(`${app.baseUrl}${path}`)).text())?.[1];
    for (const path of ['/respond', '/respond/', '/respond/ABCDE-23456', '/respond/ABCDE-23456?x=1', '/consent/respond/h0kwIuQzadonSY-1qybKXQ']) {
      expect([path, await entry(path)]).toEqual([path, 'respond']);
    }
    for (const path of ['/', '/respond/a/b', '/consent/respond', '/surveys/respond', '/designated', '/schools/1', '/respondents']) {
      expect([path, await entry(path)]).toEqual([path, 'index']);
    }
  });
});
