import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, freePort } from './support/own-redis';

const root = join(__dirname, '..');

/**
 * `npm run demo` on a machine with nothing but Node.js: the default PostgreSQL and Redis addresses
 * point where nothing listens (AIEDU_DEFAULT_PG_PORT / AIEDU_DEFAULT_REDIS_PORT, read only by the
 * probe) and DATABASE_URL / REDIS_URL are unset. The demo comes up on an embedded PostgreSQL (a data
 * directory of the test's own instead of var/pgdata) and a redis-server it starts, migrates, seeds and
 * serves the login page; SIGTERM stops both and keeps the data directory. Uses the built dist.
 */
describe('npm run demo on a bare machine', () => {
  let demo: ChildProcess | undefined;
  let output = '';
  let exitCode: number | null | undefined;
  let dir: string;
  let dataDir: string;
  let ports: { pgDefault: number; redisDefault: number; embedded: number; http: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aiedu-bare-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach its data directory
    dataDir = join(dir, 'pgdata');
    ports = { pgDefault: await freePort(), redisDefault: await freePort(), embedded: await freePort(), http: await freePort() };
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'DATABASE_APP_URL', 'TEST_DATABASE_URL', 'TEST_REDIS_URL', 'QUEUE_PREFIX', 'NODE_ENV']) delete env[k];
    Object.assign(env, {
      AIEDU_DEMO_PREBUILT: '1',
      AIEDU_DEFAULT_PG_PORT: String(ports.pgDefault),
      AIEDU_DEFAULT_REDIS_PORT: String(ports.redisDefault),
      AIEDU_EMBEDDED_PG_PORT: String(ports.embedded),
      AIEDU_PGDATA: dataDir,
      PORT: String(ports.http),
    });
    demo = spawn('bash', ['scripts/demo.sh'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    demo.stdout!.on('data', (d) => (output += d));
    demo.stderr!.on('data', (d) => (output += d));
    demo.on('exit', (code) => (exitCode = code));
  });

  afterAll(async () => {
    if (demo && exitCode === undefined) {
      try {
        process.kill(-demo.pid!, 'SIGKILL');
      } catch {}
    }
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      try {
        execFileSync(process.execPath, ['scripts/services.mjs', 'postgres-stop', dataDir], { cwd: root, stdio: 'ignore' });
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(root, `var/redis-${ports.redisDefault}.log`), { force: true });
  });

  it('starts an embedded PostgreSQL and a redis-server, migrates, seeds and serves the login page; SIGTERM stops them', async () => {
    const base = `http://127.0.0.1:${ports.http}`;
    const deadline = Date.now() + 100_000;
    let up = false;
    while (!up && exitCode === undefined && Date.now() < deadline) {
      up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 500));
    }
    if (!up) throw new Error(`the demo did not come up (exit ${exitCode}):\n${output}`);

    expect(output).toContain(`PostgreSQL: nothing at 127.0.0.1:${ports.pgDefault}, created and started the embedded server (${dataDir}, port ${ports.embedded})`);
    expect(output).toContain(`Redis: nothing at 127.0.0.1:${ports.redisDefault}, started redis-server`);
    expect(output).toMatch(/==> migrate\n[\s\S]*applied \d+ migration/);
    expect(output).toContain('==> demo data');
    expect(output).not.toContain('==> build');

    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>서울특별시교육청 AI 교육 플랫폼</title>');
    // The demo data is in the embedded server: a demo account signs in.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sen.go.kr', password: 'aiedu-demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(await canConnect(ports.embedded)).toBe(true);
    expect(await canConnect(ports.redisDefault)).toBe(true);

    const exited = new Promise((r) => demo!.once('exit', r));
    demo!.kill('SIGTERM');
    if (exitCode === undefined) await exited;
    expect(await canConnect(ports.embedded)).toBe(false);
    expect(await canConnect(ports.redisDefault)).toBe(false);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    // The data stays for the next run.
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  }, 150_000);
});
