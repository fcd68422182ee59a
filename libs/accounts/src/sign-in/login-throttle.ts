import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';

/** The first wait after LOGIN_MAX_FAILURES failures; each further failure doubles it, up to the window. */
export const FIRST_DELAY_SECONDS = 30;

/** How many times one account's failures a client address may make across all accounts (a school shares one NAT). */
export const ADDRESS_FACTOR = 10;

/**
 * Wrong passwords are counted per (account, client address), from the login_attempts table every
 * attempt is written to: limits hold across api processes and whatever Redis does. A guesser at one
 * address waits longer after each failure; the account's holder at another address is not affected,
 * so the limit cannot be used to lock someone out. An address that fails across many accounts
 * (password spraying) is stopped as a whole.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Seconds until this address may try this account again; 0 when it may try now. */
  async waitSeconds(email: string, ip: string): Promise<number> {
    const window = this.config.loginWindowSeconds;
    const max = this.config.loginMaxFailures;
    const [row] = await this.ds.query(
      `WITH since AS (
         SELECT greatest(now() - make_interval(secs => $3),
                         coalesce((SELECT max(at) FROM login_attempts WHERE email = $1 AND ip = $2 AND outcome = 'success'), '-infinity')) AS at
       )
       SELECT (SELECT count(*)::int FROM login_attempts, since WHERE email = $1 AND ip = $2 AND outcome = 'bad_credentials' AND login_attempts.at > since.at) AS pair,
              (SELECT extract(epoch FROM now() - max(at))::float FROM login_attempts WHERE email = $1 AND ip = $2 AND outcome = 'bad_credentials') AS "pairAgo",
              (SELECT count(*)::int FROM login_attempts WHERE ip = $2 AND outcome = 'bad_credentials' AND at > now() - make_interval(secs => $3)) AS address,
              (SELECT extract(epoch FROM now() - min(at))::float FROM login_attempts WHERE ip = $2 AND outcome = 'bad_credentials' AND at > now() - make_interval(secs => $3)) AS "addressAgo"`,
      [email, ip, window],
    );
    let wait = 0;
    if (row.pair >= max) wait = Math.max(wait, delayFor(row.pair - max, window) - row.pairAgo);
    if (row.address >= max * ADDRESS_FACTOR) wait = Math.max(wait, window - row.addressAgo);
    return wait > 0 ? Math.ceil(wait) : 0;
  }
}

/** The wait after the n-th failure beyond the allowance: 30 s, 60 s, 120 s, … at most the window. */
export function delayFor(beyond: number, windowSeconds: number): number {
  return Math.min(windowSeconds, FIRST_DELAY_SECONDS * 2 ** Math.min(beyond, 20));
}
