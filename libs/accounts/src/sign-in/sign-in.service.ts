import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppError, AuditLog, AuthService, AuthUser, IssuedToken, SessionMethod, TooManyRequestsError, UnauthorizedError, ValidationFailedError,
} from '@app/core';
import { AccountLinks, LinkPurpose, LinkTarget } from '../links/account-links.service';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../password/password-hash';
import { checkPassword, passwordDetails } from '../password/password-policy';
import { UsersService, UserView } from '../users/users.service';
import { LoginThrottle } from './login-throttle';

export interface SignedIn extends IssuedToken {
  user: UserView & { displayName: string };
}

type Outcome = 'success' | 'bad_credentials' | 'inactive' | 'rate_limited' | 'not_activated';

/**
 * Every way into the platform ends here: a password, an activation or reset link, or the office's
 * identity provider (OIDC). Each success and failure is written to login_attempts (which the
 * throttle counts) and to the audit log.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly links: AccountLinks,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
  ) {}

  async login(emailRaw: string, password: string, ip: string): Promise<SignedIn> {
    const email = emailRaw.trim().toLowerCase();
    const wait = await this.throttle.waitSeconds(email, ip);
    if (wait > 0) {
      await this.record(email, ip, null, 'rate_limited');
      throw new TooManyRequestsError(`Too many failed logins from this address; try again in ${wait} seconds`, wait);
    }
    const [row] = await this.ds.query(`SELECT id, status, password_hash AS "passwordHash" FROM users WHERE email = $1`, [email]);
    const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
    if (!row || !ok || !row.passwordHash) {
      await this.record(email, ip, row?.id ?? null, row && !row.passwordHash ? 'not_activated' : 'bad_credentials');
      throw new UnauthorizedError('Email or password is incorrect', 'BAD_CREDENTIALS');
    }
    if (row.status !== 'active') {
      await this.record(email, ip, row.id, 'inactive');
      throw new UnauthorizedError('This account is disabled', 'ACCOUNT_DISABLED');
    }
    return this.signIn(this.ds.manager, row.id, email, 'password', ip);
  }

  /** Signs in an account whose holder was proven another way (the identity provider). */
  async signInVerified(userId: string, email: string, method: SessionMethod, ip: string): Promise<SignedIn> {
    return this.signIn(this.ds.manager, userId, email, method, ip);
  }

  /** Records a refused identity-provider sign-in (unknown or disabled account) like a failed password login. */
  async recordFailure(emailOrClaim: string, ip: string, userId: string | null, outcome: 'bad_credentials' | 'inactive'): Promise<void> {
    await this.record(emailOrClaim, ip, userId, outcome, this.ds.manager, 'oidc');
  }

  /** Changes one's own password; every other session ends and this client gets a new token. */
  async changePassword(user: AuthUser, current: string, next: string, ip: string): Promise<SignedIn> {
    const [row] = await this.ds.query(`SELECT password_hash AS "passwordHash", email, display_name AS name FROM users WHERE id = $1`, [user.id]);
    if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, current))) {
      throw new ValidationFailedError('The current password is incorrect', [{ field: 'currentPassword', reason: '현재 비밀번호가 맞지 않습니다.' }], 'BAD_CURRENT_PASSWORD');
    }
    if (current === next) throw new ValidationFailedError('Choose a password different from the current one', [{ field: 'newPassword', rule: 'same_as_current', reason: '지금 쓰는 비밀번호와 달라야 합니다.' }], 'WEAK_PASSWORD');
    this.assertPolicy(next, 'newPassword', row);
    const hash = await hashPassword(next);
    return this.ds.transaction(async (tx) => {
      await this.setPassword(tx, user.id, hash);
      await this.audit.record(tx, user, { action: 'account.password_changed', entityType: 'user', entityId: user.id, schoolId: user.schoolId });
      return this.signIn(tx, user.id, row.email, 'password_change', ip, false);
    });
  }

  /** Who a link is for, so the page can greet them; 404 when the link is used, expired or unknown. */
  peek(token: string): Promise<LinkTarget | undefined> {
    return this.links.peek(token);
  }

  /** Uses an activation or reset link once: sets the password and signs the person in. */
  async activate(token: string, password: string, ip: string): Promise<SignedIn & { purpose: LinkPurpose }> {
    const target = await this.links.peek(token);
    if (!target) throw linkUnusable();
    this.assertPolicy(password, 'password', target);
    const hash = await hashPassword(password);
    return this.ds.transaction(async (tx) => {
      const used = await this.links.consume(tx, token);
      if (!used) throw linkUnusable();
      await this.setPassword(tx, used.userId, hash);
      const action = used.purpose === 'activation' ? 'account.activated' : 'account.password_reset_completed';
      await this.audit.record(tx, null, { action, entityType: 'user', entityId: used.userId });
      return { ...(await this.signIn(tx, used.userId, used.email, 'activation', ip, false)), purpose: used.purpose };
    });
  }

  private assertPolicy(password: string, field: string, who: { email: string; name: string }): void {
    const bad = checkPassword(password, who);
    if (bad.length) throw new ValidationFailedError('The password does not meet the password policy', passwordDetails(field, bad), 'WEAK_PASSWORD');
  }

  private async setPassword(tx: EntityManager, userId: string, hash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1`, [userId, hash]);
    await this.auth.endAllSessions(userId, tx);
    await tx.query(`DELETE FROM account_tokens WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }

  private async signIn(manager: EntityManager, userId: string, email: string, method: SessionMethod, ip: string, audited = true): Promise<SignedIn> {
    await manager.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [userId]);
    await this.record(email, ip, userId, 'success', manager, method, audited);
    const token = await this.auth.issue(userId, method, ip, manager);
    const user = await this.users.view(manager, userId);
    return { ...token, user: { ...user, displayName: user.name } };
  }

  private async record(email: string, ip: string, userId: string | null, outcome: Outcome, manager: EntityManager = this.ds.manager, method?: SessionMethod, audited = true): Promise<void> {
    this.logger.log({ msg: 'login attempt', email, ip, outcome, method });
    await manager.query(`INSERT INTO login_attempts (email, ip, user_id, outcome) VALUES ($1, $2, $3, $4)`, [email, ip, userId, outcome]);
    if (!audited) return;
    await this.audit.record(manager, userId && outcome === 'success' ? { id: userId } : null, {
      action: outcome === 'success' ? 'login.succeeded' : 'login.failed',
      entityType: 'user',
      entityId: userId ?? `email:${email}`,
      after: { outcome, ip, ...(method ? { method } : {}) },
    });
  }
}

function linkUnusable(): AppError {
  return new AppError('LINK_UNUSABLE', 'This link has been used, has expired or does not exist; ask your administrator for a new one', 410);
}
