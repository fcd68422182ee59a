import { Logger } from '@nestjs/common';
import type { RedisClient } from '../queue/redis-connection';

export interface FailureCounter {
  key: string;
  max: number;
}

/**
 * Counts failures (wrong passwords, wrong survey codes) per key in Redis within a window, so a
 * limit holds across every api instance. If Redis is unreachable it lets requests through: losing
 * the limit for a while is better than refusing every login or survey answer.
 */
export class FailureLimiter {
  private readonly logger = new Logger('FailureLimiter');

  constructor(
    private readonly redis: RedisClient,
    /** Hash-tagged (`{aiedu}:…`, AppConfig.redisKeyPrefix): one call's keys must share a cluster slot. */
    private readonly prefix: string,
    private readonly windowSeconds: number,
  ) {}

  private k(key: string): string {
    return `${this.prefix}:${key}`;
  }

  /** Seconds until the caller may try again, or 0 when no counter is at its maximum. */
  async blockedFor(counters: FailureCounter[]): Promise<number> {
    try {
      const values = (await this.redis.mget(...counters.map((c) => this.k(c.key)))).map((v) => Number(v ?? 0));
      const full = counters.find((c, i) => values[i] >= c.max);
      return full ? Math.max(await this.redis.ttl(this.k(full.key)), 1) : 0;
    } catch (e) {
      this.logger.warn({ msg: 'rate limit not checked: Redis unavailable', error: (e as Error).message });
      return 0;
    }
  }

  async recordFailure(keys: string[]): Promise<void> {
    try {
      const tx = this.redis.multi();
      for (const key of keys) tx.incr(this.k(key)).expire(this.k(key), this.windowSeconds, 'NX');
      await tx.exec();
    } catch (e) {
      this.logger.warn({ msg: 'failure not counted: Redis unavailable', error: (e as Error).message });
    }
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.k(key)).catch(() => undefined);
  }
}
