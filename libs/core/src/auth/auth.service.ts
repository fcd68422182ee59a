import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config';
import { UnauthorizedError } from '../errors';
import { AuthUser } from './role';

export type SessionMethod = 'password' | 'oidc' | 'activation' | 'password_change';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

interface TokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

/** The columns of an account as every request sees it. */
export const AUTH_USER_COLUMNS = `u.id, u.email, u.role, u.school_id AS "schoolId", u.district_office_code AS "districtOffice",
  u.display_name AS "displayName", u.must_change_password AS "mustChangePassword"`;

/**
 * What every request needs: bearer tokens bound to a session row. A token is good while its session
 * is live and its account active, so a password change, a reset, a disabled account, a new role or
 * scope, or a logout ends it at once (libs/accounts ends the sessions; this checks them).
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session for a user who has proven who they are, and returns its bearer token. */
  async issue(userId: string, method: SessionMethod, ip: string | null, manager: EntityManager = this.ds.manager): Promise<IssuedToken> {
    const ttl = this.config.tokenTtlSeconds;
    const [{ id }] = await manager.query(
      `INSERT INTO user_sessions (user_id, method, expires_at, ip) VALUES ($1, $2, now() + make_interval(secs => $3), $4) RETURNING id`,
      [userId, method, ttl, ip],
    );
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: id } satisfies TokenClaims, { expiresIn: ttl });
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  /** The account behind a token, read fresh, so role and school changes apply at once. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedError('The bearer token is invalid or expired', 'INVALID_TOKEN');
    }
    // A token that never expires or names no session was not made here.
    if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string' || !/^[0-9a-f-]{36}$/.test(claims.sid) || typeof claims.sub !== 'string') {
      throw new UnauthorizedError('The bearer token is invalid or expired', 'INVALID_TOKEN');
    }
    const [row] = await this.ds.query(
      `SELECT ${AUTH_USER_COLUMNS}, s.method FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [claims.sid, claims.sub],
    );
    if (!row) throw new UnauthorizedError('This sign-in has ended (logged out, password changed or account changed); sign in again', 'SESSION_ENDED');
    const { method, ...user } = row;
    // Someone signed in through the identity provider never uses the temporary password.
    return { ...user, mustChangePassword: user.mustChangePassword && method !== 'oidc', sessionId: claims.sid };
  }

  /** Ends one session (logout). */
  async endSession(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE user_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Ends every session of an account, in the caller's transaction when given. */
  async endAllSessions(userId: string, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(`UPDATE user_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** The account as it is now; undefined when gone or disabled (a job acting for someone checks this too). */
  async findActive(userId: string): Promise<AuthUser | undefined> {
    const [row] = await this.ds.query(`SELECT ${AUTH_USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.status = 'active'`, [userId]);
    return row ?? undefined;
  }
}
