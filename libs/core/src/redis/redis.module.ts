import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { redisConnectionOptions } from '../queue/redis-connection';

export const REDIS = Symbol('REDIS');

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    // While Redis is away quit() is refused (no offline queue) and the client would go on
    // reconnecting, keeping the process alive: drop the connection instead.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared client for non-queue uses: rate limits, health. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // No offline queue: while Redis is away, rate-limit checks fail at once (and let requests through)
      // instead of holding every request until reconnection.
      useFactory: (config: AppConfig) => new Redis({ ...redisConnectionOptions(config.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
