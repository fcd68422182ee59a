import { HttpClient } from './support/http-client';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';

/** Wrong passwords are counted in PostgreSQL: with Redis gone the limit still holds. */
describe('login throttling while Redis is down', () => {
  let app: TestApp;
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await OwnRedis.start();
    app = await startTestApp({ env: { REDIS_URL: redis.url, LOGIN_MAX_FAILURES: '5' } });
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
  }, 60_000);

  it('refuses the right password after 15 wrong ones with Redis stopped', async () => {
    await app.as({ email: 'victim@sen.go.kr', role: 'city_admin' });
    await redis.stop();
    const anon = new HttpClient(app.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await anon.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: `wrong-guess-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const right = await anon.post('/api/v1/auth/login', { email: 'victim@sen.go.kr', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
  });
});
