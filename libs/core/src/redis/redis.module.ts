import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Cluster } from 'ioredis';
import type { RedisOptions } from 'bullmq';
import { AppConfig } from '../config';
import { appRedisClient, queueConnection, RedisClient } from '../queue/redis-connection';

export const REDIS = Symbol('REDIS');
/** BullMQ's connection: options for a single Redis, or the Cluster client its queues share. */
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

class RedisCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QUEUE_CONNECTION) private readonly queueConnection: RedisOptions | Cluster,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    // While Redis is away quit() is refused (no offline queue) and the client would go on
    // reconnecting, keeping the process alive: drop the connection instead.
    await this.redis.quit().catch(() => this.redis.disconnect());
    // BullMQ leaves a client it was given open (its queues only share it): closed here, after them.
    if (this.queueConnection instanceof Cluster) this.queueConnection.disconnect();
  }
}

/** One shared client for non-queue uses (rate limits, health), and BullMQ's connection. */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => appRedisClient(config) },
    { provide: QUEUE_CONNECTION, inject: [AppConfig], useFactory: (config: AppConfig) => queueConnection(config) },
    RedisCloser,
  ],
  exports: [REDIS, QUEUE_CONNECTION],
})
export class RedisModule {}
