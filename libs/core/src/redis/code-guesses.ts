import type { RedisClient } from '../queue/redis-connection';
import { NotFoundError, TooManyRequestsError } from '../errors/app-error';
import { FailureLimiter } from './failure-limiter';

/**
 * Wrong one-time codes (survey codes, guardian link codes) counted per address across every api
 * instance: codes typed from paper have 50 to 60 bits, and this stops anyone from trying them in bulk.
 * A wrong code is the lookup that finds no `resource`, so it is counted where that happens.
 */
export class CodeGuesses {
  private readonly limiter: FailureLimiter;

  constructor(
    redis: RedisClient,
    prefix: string,
    windowSeconds: number,
    private readonly max: number,
    private readonly resource: string,
  ) {
    this.limiter = new FailureLimiter(redis, prefix, windowSeconds);
  }

  async guarded<T>(ip: string, work: () => Promise<T>): Promise<T> {
    const wait = await this.limiter.blockedFor([{ key: `ip:${ip}`, max: this.max }]);
    if (wait > 0) throw new TooManyRequestsError(`Too many wrong codes; try again in ${wait} seconds`, wait);
    try {
      return await work();
    } catch (e) {
      if (e instanceof NotFoundError && e.details[0]?.resource === this.resource) await this.limiter.recordFailure([`ip:${ip}`]);
      throw e;
    }
  }
}
