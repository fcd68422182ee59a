import { Redis } from 'ioredis';
import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  it('counts failures per key in real Redis and blocks at the maximum until the window ends', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const limiter = new FailureLimiter(redis, `t-limiter-${process.pid}-${Date.now()}`, 60);
    try {
      await limiter.recordFailure(['ip:a']);
      expect(await limiter.blockedFor([{ key: 'ip:a', max: 2 }])).toBe(0);
      await limiter.recordFailure(['ip:a']);
      const wait = await limiter.blockedFor([{ key: 'ip:a', max: 2 }, { key: 'ip:b', max: 2 }]);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      await limiter.clear('ip:a');
      expect(await limiter.blockedFor([{ key: 'ip:a', max: 2 }])).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('lets requests through when Redis cannot be reached', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const limiter = new FailureLimiter(down, 'x', 60);
    await expect(limiter.recordFailure(['ip:a'])).resolves.toBeUndefined();
    await expect(limiter.blockedFor([{ key: 'ip:a', max: 1 }])).resolves.toBe(0);
    down.disconnect();
  });
});
