import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, copyRows, KeyedHash, Sealer, updateReturning } from '@app/core';

export type LinkPurpose = 'activation' | 'reset';

/** How long a link works: a roster's activation links are handed out over weeks, a reset is urgent. */
export const LINK_LIFETIME_HOURS: Record<LinkPurpose, number> = { activation: 14 * 24, reset: 24 };

export interface IssuedLink {
  url: string;
  expiresAt: string;
}

export interface LinkTarget {
  userId: string;
  purpose: LinkPurpose;
  email: string;
  name: string;
  expiresAt: string;
}

/**
 * One-time links that let a person set their password: activation of a new account, or a reset an
 * administrator asked for. The token (256 random bits) travels only in the link; the database keeps
 * its keyed hash for checking and, for activation links, a sealed copy so a principal can print the
 * school's sheet again. No password ever appears in a file, a response or a log.
 */
@Injectable()
export class AccountLinks {
  private readonly hash: KeyedHash;
  private readonly sealer: Sealer;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {
    this.hash = new KeyedHash(config.badgeKeySecret, 'account-link');
    this.sealer = new Sealer(config.badgeKeySecret, 'account-link');
  }

  url(token: string): string {
    return `${this.config.publicBaseUrl}/activate?token=${token}`;
  }

  /** Replaces any live link of the account for the purpose with a new one. */
  async issue(manager: EntityManager, userId: string, purpose: LinkPurpose, createdBy: string | null): Promise<IssuedLink> {
    const token = newToken();
    await manager.query(`DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
    const [{ expiresAt }] = await manager.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, sealed, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6)) RETURNING expires_at AS "expiresAt"`,
      [userId, purpose, this.hash.digest(token), purpose === 'activation' ? this.sealer.seal(token) : null, createdBy, LINK_LIFETIME_HOURS[purpose]],
    );
    return { url: this.url(token), expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Activation links for many new accounts at once (a roster import), by COPY on the caller's transaction. */
  async issueActivationMany(manager: EntityManager, client: PoolClient, userIds: string[], batchId: number, createdBy: string): Promise<void> {
    if (userIds.length === 0) return;
    await manager.query(`DELETE FROM account_tokens WHERE user_id = ANY($1::uuid[]) AND purpose = 'activation' AND used_at IS NULL`, [userIds]);
    const expires = new Date(Date.now() + LINK_LIFETIME_HOURS.activation * 3600_000).toISOString();
    await copyRows(client, 'account_tokens', ['user_id', 'purpose', 'token_hash', 'sealed', 'batch_id', 'created_by', 'expires_at'],
      (function* (self: AccountLinks) {
        for (const id of userIds) {
          const token = newToken();
          yield [id, 'activation', `\\x${self.hash.digest(token).toString('hex')}`, self.sealer.seal(token), batchId, createdBy, expires];
        }
      })(this));
  }

  /** Whose link this is, without using it (the activation page greets the person); undefined when unusable. */
  async peek(token: string): Promise<LinkTarget | undefined> {
    const [row] = await this.ds.query(
      `SELECT t.user_id AS "userId", t.purpose, u.email, u.display_name AS name, t.expires_at AS "expiresAt"
       FROM account_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.status = 'active'`,
      [this.hash.digest(token)],
    );
    return row ? { ...row, expiresAt: new Date(row.expiresAt).toISOString() } : undefined;
  }

  /** Uses a link once, in the caller's transaction (the row is locked, so two uses race to one winner). */
  async consume(manager: EntityManager, token: string): Promise<LinkTarget | undefined> {
    const [row] = await updateReturning<LinkTarget>(
      manager,
      `UPDATE account_tokens t SET used_at = now() FROM users u
       WHERE u.id = t.user_id AND t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.status = 'active'
       RETURNING t.user_id AS "userId", t.purpose, u.email, u.display_name AS name, t.expires_at AS "expiresAt"`,
      [this.hash.digest(token)],
    );
    return row ?? undefined;
  }

  /** The link of a live sealed activation token, for printing the sheet again. */
  open(sealed: string): string {
    return this.url(this.sealer.open(sealed));
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
