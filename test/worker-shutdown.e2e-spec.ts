import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';

const workerMain = join(__dirname, '../dist/apps/worker/src/main.js');

/**
 * An operator stops a worker (SIGTERM, as systemd or Kubernetes do) while Redis is away. BullMQ's
 * own close waits for Redis to come back, so without our shutdown the process would never exit and
 * a deployment would hang until it is killed.
 */
describe('a worker stops on SIGTERM', () => {
  let app: TestApp;
  let redis: OwnRedis;
  let proc: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    expect(existsSync(workerMain)).toBe(true);
    redis = await OwnRedis.start();
    app = await startTestApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await app?.close();
    await redis?.stop();
  }, 60_000);

  function start(): ChildProcess {
    output = '';
    const child = spawn(process.execPath, [workerMain], {
      env: { ...process.env, DATABASE_URL: app.config.databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: app.config.queuePrefix, LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    return child;
  }

  async function started(): Promise<void> {
    for (let i = 0; i < 200 && !output.includes('"worker started"'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('"worker started"');
  }

  /** The exit code, or 'still running' if the process has not exited within the wait. */
  function exited(child: ChildProcess, waitMs: number): Promise<number | string> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('still running'), waitMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? String(signal));
      });
    });
  }

  it('exits cleanly with Redis up', async () => {
    proc = start();
    await started();
    proc.kill('SIGTERM');
    expect(await exited(proc, 30_000)).toBe(0);
    expect(output).toContain('"worker stopped"');
  }, 60_000);

  it('exits instead of waiting for Redis when Redis is down', async () => {
    proc = start();
    await started();
    await redis.stop();
    // Let the worker notice: its connections go to reconnecting.
    await new Promise((r) => setTimeout(r, 1_000));
    proc.kill('SIGTERM');
    expect(await exited(proc, 30_000)).toBe(0);
    expect(output).toContain('"worker stopped"');
    await redis.start();
  }, 60_000);
});
