import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { FailureLimiter, REDIS } from '../redis';

/** Failed logins per email and per client address; a success clears the email's counter. */
@Injectable()
export class LoginRateLimiter {
  private readonly limiter: FailureLimiter;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.limiter = new FailureLimiter(redis, `${config.queuePrefix}:login-fail`, config.loginWindowSeconds);
  }

  /** Seconds until the caller may try again, or 0 when it may try now. */
  blockedFor(email: string, ip: string): Promise<number> {
    const max = this.config.loginMaxFailures;
    // An address gets more room than one account: a school's teachers may share one NAT address.
    return this.limiter.blockedFor([{ key: `email:${email}`, max }, { key: `ip:${ip}`, max: max * 5 }]);
  }

  recordFailure(email: string, ip: string): Promise<void> {
    return this.limiter.recordFailure([`email:${email}`, `ip:${ip}`]);
  }

  recordSuccess(email: string): Promise<void> {
    return this.limiter.clear(`email:${email}`);
  }
}
