import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { SystemUser, UsersService } from '@app/accounts';
import { AppConfig, JobQueue } from '@app/core';
import { createApi } from '../../apps/api/src/create-api';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { HttpClient } from './http-client';
import { createTestDatabase } from './test-db';
import { TEST_REDIS_URL } from './test-env';

export const TEST_PASSWORD = 'test-password-1';

export interface TestApp {
  baseUrl: string;
  config: AppConfig;
  api: NestFastifyApplication;
  worker?: INestApplicationContext;
  /** The api's own connection: the app role (rows only). */
  db: DataSource;
  /** The database's owner login (a superuser here), for what the app may not do: checking that triggers hold for anyone. */
  ownerQuery(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  http: HttpClient;
  /** Creates a user and returns a client already logged in as them. */
  as(user: Omit<SystemUser, 'password'>): Promise<HttpClient & { userId: string }>;
  startWorker(): Promise<INestApplicationContext>;
  /** Closes the in-process worker; startWorker starts a new one. */
  stopWorker(): Promise<void>;
  waitForQueues(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.load({
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    TOKEN_SECRET: randomBytes(24).toString('hex'),
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A web build of one's own (vite build --outDir …), so that parallel work does not share apps/web/dist.
    ...(process.env.TEST_WEB_DIST_DIR && { WEB_DIST_DIR: process.env.TEST_WEB_DIST_DIR }),
    ...overrides,
  });
}

/**
 * The real api on a random port, its own database cloned from the migrated template, its own Redis prefix.
 * With `join`, another instance of that app instead (as a second api process would be): the same
 * database, Redis prefix and token secret; closing it leaves those to the first.
 */
export async function startTestApp(opts: { worker?: boolean; env?: Record<string, string>; join?: TestApp } = {}): Promise<TestApp> {
  const first = opts.join?.config;
  const database = first
    ? { url: first.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const shared: Record<string, string> = first ? { QUEUE_PREFIX: first.queuePrefix, TOKEN_SECRET: first.tokenSecret } : {};
  const config = testConfig({ DATABASE_URL: database.url, ...shared, ...opts.env });
  const api = await createApi(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const db = api.get<DataSource>(getDataSourceToken());
  let worker: INestApplicationContext | undefined;

  const app: TestApp = {
    baseUrl,
    config,
    api,
    db,
    http: new HttpClient(baseUrl),
    async ownerQuery(sql, params) {
      const client = new PgClient({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    get worker() {
      return worker;
    },
    async as(user) {
      const { user: created } = await api.get(UsersService).createSystem({ ...user, password: TEST_PASSWORD });
      const client = await new HttpClient(baseUrl).login(user.email, TEST_PASSWORD);
      return Object.assign(client, { userId: created.id });
    },
    async startWorker() {
      worker ??= await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
      await worker.init();
      return worker;
    },
    async stopWorker() {
      await worker?.close();
      worker = undefined;
    },
    async waitForQueues(timeoutMs = 30_000) {
      const jobs = api.get(JobQueue);
      const until = Date.now() + timeoutMs;
      for (;;) {
        // Redis may be on its way back (an outage test): keep asking until the deadline.
        const pending = await jobs.pending().catch(() => -1);
        if (pending === 0) return;
        if (Date.now() > until) throw new Error(`queues did not drain: ${JSON.stringify(await jobs.counts().catch((e: Error) => e.message))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await worker?.close();
      await api.close();
      await database.drop();
      if (!first) await deleteKeys(config.redisKeyPrefix);
    },
  };
  if (opts.worker) await app.startWorker();
  return app;
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
