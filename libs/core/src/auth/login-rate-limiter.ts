import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { REDIS } from '../redis';

/**
 * Failed logins counted in Redis per email and per client address, so the limit holds across
 * every api instance. A success clears the email's counter.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): string[] {
    const p = `${this.config.queuePrefix}:login-fail`;
    // An address gets more room than one account: a school's teachers may share one NAT address.
    return [`${p}:email:${email}`, `${p}:ip:${ip}`];
  }

  /** Seconds until the caller may try again, or 0 when it may try now. */
  async blockedFor(email: string, ip: string): Promise<number> {
    const [emailKey, ipKey] = this.keys(email, ip);
    const [emailFails, ipFails] = (await this.redis.mget(emailKey, ipKey)).map((v) => Number(v ?? 0));
    const max = this.config.loginMaxFailures;
    if (emailFails < max && ipFails < max * 5) return 0;
    const ttl = Math.max(await this.redis.ttl(emailFails >= max ? emailKey : ipKey), 1);
    return ttl;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const tx = this.redis.multi();
    for (const key of this.keys(email, ip)) {
      tx.incr(key).expire(key, this.config.loginWindowSeconds, 'NX');
    }
    await tx.exec();
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(email, ip)[0]);
  }
}
