import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationFailedError } from '../errors';
import { LoginRateLimiter } from './login-rate-limiter';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { AuthUser, Role, ROLES } from './role';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  schoolId?: number | null;
  districtOffice?: string | null;
  displayName?: string;
}

interface TokenClaims {
  sub: string;
}

const USER_COLUMNS = `id, email, role, school_id AS "schoolId", district_office_code AS "districtOffice", display_name AS "displayName", active`;

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    private readonly config: AppConfig,
  ) {}

  async login(emailRaw: string, password: string, ip: string): Promise<{ accessToken: string; expiresIn: number; user: AuthUser }> {
    const email = emailRaw.trim().toLowerCase();
    const wait = await this.limiter.blockedFor(email, ip);
    if (wait > 0) {
      await this.logAttempt(email, ip, null, 'rate_limited');
      throw new TooManyRequestsError(`Too many failed logins; try again in ${wait} seconds`, wait);
    }
    const [row] = await this.ds.query(`SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE email = $1`, [email]);
    const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
    if (!row || !ok) {
      await this.limiter.recordFailure(email, ip);
      await this.logAttempt(email, ip, row?.id ?? null, 'bad_credentials');
      throw new UnauthorizedError('Email or password is incorrect', 'BAD_CREDENTIALS');
    }
    if (!row.active) {
      await this.logAttempt(email, ip, row.id, 'inactive');
      throw new UnauthorizedError('This account is disabled', 'ACCOUNT_DISABLED');
    }
    await this.limiter.recordSuccess(email);
    await this.logAttempt(email, ip, row.id, 'success');
    const accessToken = await this.jwt.signAsync({ sub: row.id } satisfies TokenClaims, { expiresIn: this.config.tokenTtlSeconds });
    const { passwordHash: _, active: __, ...user } = row;
    return { accessToken, expiresIn: this.config.tokenTtlSeconds, user };
  }

  /** The token names the user only; role and school are read fresh so a change or a disabled account applies at once. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedError('The bearer token is invalid or expired', 'INVALID_TOKEN');
    }
    const user = await this.findActive(claims.sub);
    if (!user) throw new UnauthorizedError('The account behind this token is gone or disabled', 'INVALID_TOKEN');
    return user;
  }

  /** The account as it is now; undefined when gone or disabled (a job acting for someone checks this too). */
  async findActive(userId: string): Promise<AuthUser | undefined> {
    const [row] = await this.ds.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [userId]);
    if (!row || !row.active) return undefined;
    const { active: _, ...user } = row;
    return user;
  }

  async createUser(input: NewUser): Promise<AuthUser> {
    const problems = this.checkNewUser(input);
    if (problems.length) throw new ValidationFailedError(`Invalid user: ${problems.map((p) => p.field).join(', ')}`, problems);
    const email = input.email.trim().toLowerCase();
    try {
      const [row] = await this.ds.query(
        `INSERT INTO users (email, password_hash, role, school_id, district_office_code, display_name)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
        [email, await hashPassword(input.password), input.role, input.schoolId ?? null, input.districtOffice ?? null, input.displayName ?? ''],
      );
      const { active: _, ...user } = row;
      return user;
    } catch (e) {
      const pg = e as { code?: string; constraint?: string; detail?: string };
      if (pg.code === '23505') throw new ConflictError(`A user with email ${email} already exists`, [{ field: 'email' }], 'EMAIL_TAKEN');
      if (pg.code === '23503') {
        const field = pg.constraint?.includes('school') ? 'schoolId' : 'districtOffice';
        throw new ValidationFailedError(`Unknown ${field}`, [{ field, reason: pg.detail ?? 'does not exist' }]);
      }
      throw e;
    }
  }

  async setPassword(email: string, password: string): Promise<boolean> {
    if (password.length < 8) throw new ValidationFailedError('Password too short', [{ field: 'password', reason: 'at least 8 characters' }]);
    const res = await this.ds.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE email = $1`, [email.trim().toLowerCase(), await hashPassword(password)]);
    return res[1] > 0;
  }

  async setActive(email: string, active: boolean): Promise<boolean> {
    const res = await this.ds.query(`UPDATE users SET active = $2, updated_at = now() WHERE email = $1`, [email.trim().toLowerCase(), active]);
    return res[1] > 0;
  }

  async listUsers(): Promise<(AuthUser & { active: boolean })[]> {
    return this.ds.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY role, email`);
  }

  private checkNewUser(u: NewUser): { field: string; reason: string }[] {
    const problems: { field: string; reason: string }[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email?.trim() ?? '')) problems.push({ field: 'email', reason: 'must be an email address' });
    if ((u.password ?? '').length < 8) problems.push({ field: 'password', reason: 'must be at least 8 characters' });
    if (!ROLES.includes(u.role)) problems.push({ field: 'role', reason: `must be one of ${ROLES.join(', ')}` });
    const needsSchool = u.role === 'principal' || u.role === 'teacher';
    if (needsSchool !== (u.schoolId != null)) problems.push({ field: 'schoolId', reason: needsSchool ? 'required for principal and teacher' : `not allowed for ${u.role}` });
    const needsOffice = u.role === 'district_admin';
    if (needsOffice !== (u.districtOffice != null)) problems.push({ field: 'districtOffice', reason: needsOffice ? 'required for district_admin' : `not allowed for ${u.role}` });
    return problems;
  }

  private async logAttempt(email: string, ip: string, userId: string | null, outcome: string): Promise<void> {
    this.logger.log({ msg: 'login attempt', email, ip, outcome });
    await this.ds.query(`INSERT INTO login_attempts (email, ip, user_id, outcome) VALUES ($1, $2, $3, $4)`, [email, ip, userId, outcome]);
  }
}
