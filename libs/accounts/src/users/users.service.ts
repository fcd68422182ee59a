import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountHooks, AUTH_USER_COLUMNS, AuditLog, AuthService, AuthUser, ConflictError, ForbiddenError, NotFoundError, Page, Role, ROLES, SqlParams, updateReturning, ValidationFailedError,
} from '@app/core';
import { AccountLinks, IssuedLink } from '../links/account-links.service';
import { hashPassword } from '../password/password-hash';
import { checkPassword, passwordDetails } from '../password/password-policy';
import { AccountPlace, Actor, checkAssign, checkChange, checkManage, DelegationRefusal } from './delegation';
import { AccountStatus, CreateUserDto, ResetPasswordDto, UpdateUserDto, UserListQuery } from './user.dto';

export interface UserRef {
  id: string;
  name: string;
}

/** An account as the API shows it. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  schoolId: number | null;
  schoolCode: string | null;
  schoolName: string | null;
  /** The district admin's office, or the office of a principal's or teacher's school. */
  districtOffice: string | null;
  teacherNumber: string | null;
  status: AccountStatus;
  /** False until the person has set a password through their activation link. */
  activated: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: UserRef | null;
  updatedAt: string;
  updatedBy: UserRef | null;
}

export interface CreatedUser extends UserView {
  /** The one-time link that lets the person set their password; shown once. */
  activationUrl: string;
  activationExpiresAt: string;
}

export interface ResetResult {
  method: 'link' | 'temporary' | 'activation';
  /** The one-time link (method link, or a new activation link for an account never activated). */
  url?: string;
  /** The temporary password to hand over; shown once, and must be changed at the next login. */
  temporaryPassword?: string;
  expiresAt?: string;
}

/** What the CLI, the demo seed and tests create without an acting administrator. */
export interface SystemUser {
  email: string;
  password?: string;
  role: Role;
  schoolId?: number | null;
  /** The school by NEIS code, as files and commands name it. */
  schoolCode?: string;
  districtOffice?: string | null;
  displayName?: string;
  teacherNumber?: string | null;
}

export const USER_VIEW_SELECT = `
  SELECT u.id, u.email, u.display_name AS name, u.role, u.school_id AS "schoolId", s.neis_code AS "schoolCode", s.name AS "schoolName",
         coalesce(u.district_office_code, d.office_code) AS "districtOffice", u.teacher_number AS "teacherNumber", u.status,
         (u.password_hash IS NOT NULL) AS activated, u.must_change_password AS "mustChangePassword", u.last_login_at AS "lastLoginAt",
         u.created_at AS "createdAt", u.updated_at AS "updatedAt",
         CASE WHEN cb.id IS NULL THEN NULL ELSE json_build_object('id', cb.id, 'name', cb.display_name) END AS "createdBy",
         CASE WHEN ub.id IS NULL THEN NULL ELSE json_build_object('id', ub.id, 'name', ub.display_name) END AS "updatedBy"
  FROM users u
  LEFT JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.name = s.district
  LEFT JOIN users cb ON cb.id = u.created_by LEFT JOIN users ub ON ub.id = u.updated_by`;

const UNIQUE_FIELDS: Record<string, { field: string; code: string; message: string }> = {
  users_email_key: { field: 'email', code: 'EMAIL_TAKEN', message: 'Another account already uses this email' },
  users_teacher_number_key: { field: 'teacherNumber', code: 'TEACHER_NUMBER_TAKEN', message: 'Another account already has this teacher number' },
};

/** Where an account sits, as the delegation rules see it. */
interface PlacedUser extends AccountPlace {
  id: string;
  email: string;
  name: string;
  teacherNumber: string | null;
  status: AccountStatus;
  activated: boolean;
}

const PLACED_SELECT = `SELECT u.id, u.email, u.display_name AS name, u.role, u.school_id AS "schoolId", coalesce(u.district_office_code, d.office_code) AS office,
  u.teacher_number AS "teacherNumber", u.status, (u.password_hash IS NOT NULL) AS activated
  FROM users u LEFT JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.name = s.district`;

/**
 * Accounts under delegated administration (see delegation.ts for who manages whom). Every change
 * is audited in the same transaction; a change of role, scope or status, or a password reset, ends
 * the account's sessions so no token outlives it.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    private readonly links: AccountLinks,
    private readonly hooks: AccountHooks,
  ) {}

  /** The accounts the caller manages, filtered and paged. */
  async list(actor: AuthUser, q: UserListQuery): Promise<Page<UserView>> {
    const { where, params } = this.filter(actor, q);
    const pageSize = q.pageSize;
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(`${USER_VIEW_SELECT} WHERE ${where} ORDER BY s.name NULLS FIRST, u.role, u.display_name, u.email LIMIT ${params.add(pageSize)} OFFSET ${params.add((q.page - 1) * pageSize)}`, params.values),
      this.ds.query(`SELECT count(*)::int AS total FROM users u LEFT JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.name = s.district WHERE ${where}`, params.values.slice(0, -2)),
    ]);
    return { items: items.map(toView), total, page: q.page, pageSize };
  }

  /** Every account of the filtered list (for the XLSX export), at most `limit`. */
  async all(actor: AuthUser, q: Omit<UserListQuery, 'page' | 'pageSize'>, limit = 200_000): Promise<UserView[]> {
    const { where, params } = this.filter(actor, q);
    const rows = await this.ds.query(`${USER_VIEW_SELECT} WHERE ${where} ORDER BY s.name NULLS FIRST, u.role, u.display_name, u.email LIMIT ${params.add(limit)}`, params.values);
    return rows.map(toView);
  }

  async get(actor: AuthUser, id: string): Promise<UserView> {
    if (id !== actor.id) await this.placedForManagement(this.ds.manager, actor, id);
    return this.view(this.ds.manager, id);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<CreatedUser> {
    const place = await this.resolvePlace(dto.role, dto, null);
    refuse(checkAssign(await this.actorOf(actor), place));
    return this.ds.transaction(async (tx) => {
      const id = await this.insert(tx, { email: dto.email, role: dto.role, schoolId: place.schoolId, districtOffice: dto.role === 'district_admin' ? place.office : null, displayName: dto.name, teacherNumber: dto.teacherNumber ?? null }, null, actor.id);
      const link = await this.links.issue(tx, id, 'activation', actor.id);
      const view = await this.view(tx, id);
      await this.audit.record(tx, actor, { action: 'account.created', entityType: 'user', entityId: id, schoolId: view.schoolId, after: auditable(view) });
      await this.hooks.accountsSaved(tx, [id]);
      return { ...view, activationUrl: link.url, activationExpiresAt: link.expiresAt };
    });
  }

  /** Accounts made outside delegated administration: the CLI (a server shell), the demo seed, tests. */
  async createSystem(input: SystemUser): Promise<{ user: AuthUser; activation?: IssuedLink }> {
    const problems: { field: string; reason: string }[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email?.trim() ?? '')) problems.push({ field: 'email', reason: 'must be an email address' });
    if (problems.length) throw new ValidationFailedError(`Invalid user: ${problems.map((p) => p.field).join(', ')}`, problems);
    if (!ROLES.includes(input.role)) throw new ValidationFailedError('Unknown role', [{ field: 'role', reason: `one of ${ROLES.join(', ')}` }]);
    const place = await this.resolvePlace(input.role, { schoolId: input.schoolId ?? undefined, schoolCode: input.schoolCode, districtOffice: input.districtOffice ?? undefined }, null);
    const email = input.email.trim().toLowerCase();
    const name = (input.displayName ?? '').trim();
    if (input.password !== undefined) {
      const bad = checkPassword(input.password, { email, name });
      if (bad.length) throw new ValidationFailedError('The password does not meet the password policy', passwordDetails('password', bad), 'WEAK_PASSWORD');
    }
    const hash = input.password === undefined ? null : await hashPassword(input.password);
    return this.ds.transaction(async (tx) => {
      const id = await this.insert(tx, { email, role: input.role, schoolId: place.schoolId, districtOffice: input.role === 'district_admin' ? place.office : null, displayName: name, teacherNumber: input.teacherNumber ?? null }, hash, null);
      const activation = hash === null ? await this.links.issue(tx, id, 'activation', null) : undefined;
      const view = await this.view(tx, id);
      await this.audit.record(tx, null, { action: 'account.created', entityType: 'user', entityId: id, schoolId: view.schoolId, after: auditable(view) });
      await this.hooks.accountsSaved(tx, [id]);
      const [user] = await tx.query(`SELECT ${AUTH_USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
      return { user, activation };
    });
  }

  /** The CLI's password set (a server shell): the policy holds, every session ends. */
  async setPasswordSystem(email: string, password: string): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT id, display_name AS name FROM users WHERE email = $1`, [email.trim().toLowerCase()]);
    if (!row) return false;
    const bad = checkPassword(password, { email, name: row.name });
    if (bad.length) throw new ValidationFailedError('The password does not meet the password policy', passwordDetails('password', bad), 'WEAK_PASSWORD');
    const hash = await hashPassword(password);
    await this.ds.transaction(async (tx) => {
      await tx.query(`UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1`, [row.id, hash]);
      await tx.query(`DELETE FROM account_tokens WHERE user_id = $1 AND used_at IS NULL`, [row.id]);
      await this.auth.endAllSessions(row.id, tx);
      await this.audit.record(tx, null, { action: 'account.password_reset', entityType: 'user', entityId: row.id, after: { method: 'cli' } });
    });
    return true;
  }

  /** The CLI's enable and disable. */
  async setStatusSystem(email: string, status: AccountStatus): Promise<boolean> {
    return this.ds.transaction(async (tx) => {
      const [row] = await updateReturning<{ id: string; schoolId: number | null }>(tx, `UPDATE users SET status = $2, updated_at = now() WHERE email = $1 RETURNING id, school_id AS "schoolId"`, [email.trim().toLowerCase(), status]);
      if (!row) return false;
      if (status === 'disabled') await this.auth.endAllSessions(row.id, tx);
      await this.audit.record(tx, null, { action: status === 'disabled' ? 'account.disabled' : 'account.enabled', entityType: 'user', entityId: row.id, schoolId: row.schoolId, after: { status, by: 'cli' } });
      return true;
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    const me = await this.actorOf(actor);
    return this.ds.transaction(async (tx) => {
      const target = await this.placed(tx, id, true);
      const role = dto.role ?? target.role;
      const placeTouched = dto.role !== undefined || dto.schoolId !== undefined || dto.schoolCode !== undefined || dto.districtOffice !== undefined;
      const place = placeTouched ? await this.resolvePlace(role, dto, target) : undefined;
      const otherFields = dto.email !== undefined || dto.teacherNumber !== undefined;
      const self = id === actor.id;
      refuse(checkChange(me, target, { place, status: dto.status }));
      // Someone else's name, email or teacher number, or re-enabling: the actor must manage the account.
      if (!self || otherFields) {
        if (self && otherFields && actor.role !== 'city_admin') refuse([{ rule: 'not_self', reason: 'your email and teacher number are changed by your administrator' }]);
        if (!self) refuse(checkManage(me, target));
      }

      const before = await this.view(tx, id);
      const sets: string[] = [];
      const p = new SqlParams();
      p.add(id);
      const set = (column: string, value: unknown) => sets.push(`${column} = ${p.add(value)}`);
      if (dto.name !== undefined) set('display_name', dto.name);
      if (dto.email !== undefined) set('email', dto.email);
      if (dto.teacherNumber !== undefined) set('teacher_number', dto.teacherNumber);
      if (dto.status !== undefined) set('status', dto.status);
      if (place) {
        set('role', place.role);
        set('school_id', place.role === 'principal' || place.role === 'teacher' ? place.schoolId : null);
        set('district_office_code', place.role === 'district_admin' ? place.office : null);
      }
      if (sets.length === 0) return before;
      set('updated_by', actor.id);
      try {
        await tx.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, p.values);
      } catch (e) {
        throw uniqueConflict(e);
      }
      const after = await this.view(tx, id);
      const scopeChanged = before.role !== after.role || before.schoolId !== after.schoolId || before.districtOffice !== after.districtOffice;
      const statusChanged = before.status !== after.status;
      if (scopeChanged || statusChanged) await this.auth.endAllSessions(id, tx);
      const entry = { entityType: 'user', entityId: id, schoolId: after.schoolId ?? before.schoolId };
      if (statusChanged) await this.audit.record(tx, actor, { ...entry, action: after.status === 'disabled' ? 'account.disabled' : 'account.enabled', before: { status: before.status }, after: { status: after.status } });
      if (scopeChanged) await this.audit.record(tx, actor, { ...entry, action: 'account.scope_changed', before: scopeOf(before), after: scopeOf(after) });
      const rest = (v: UserView) => ({ email: v.email, name: v.name, teacherNumber: v.teacherNumber });
      await this.audit.record(tx, actor, { ...entry, action: 'account.changed', before: rest(before), after: rest(after) });
      if (before.teacherNumber !== after.teacherNumber || before.schoolId !== after.schoolId) await this.hooks.accountsSaved(tx, [id]);
      return after;
    });
  }

  async resetPassword(actor: AuthUser, id: string, dto: ResetPasswordDto): Promise<ResetResult> {
    const me = await this.actorOf(actor);
    if (id === actor.id) refuse([{ rule: 'not_self', reason: 'change your own password with POST /api/v1/auth/password' }]);
    const method = dto.temporaryPassword !== undefined ? 'temporary' : (dto.method ?? 'link');
    return this.ds.transaction(async (tx) => {
      const target = await this.placed(tx, id, true);
      refuse(checkManage(me, target));
      if (target.status === 'disabled') throw new ConflictError('The account is disabled; enable it first', [{ field: 'status', reason: 'disabled' }], 'ACCOUNT_DISABLED');
      let result: ResetResult;
      if (method === 'temporary') {
        const temporary = dto.temporaryPassword ?? temporaryPassword();
        const bad = checkPassword(temporary, { email: target.email, name: target.name });
        if (bad.length) throw new ValidationFailedError('The temporary password does not meet the password policy', passwordDetails('temporaryPassword', bad), 'WEAK_PASSWORD');
        await tx.query(
          `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(), updated_by = $3, updated_at = now() WHERE id = $1`,
          [id, await hashPassword(temporary), actor.id],
        );
        await tx.query(`DELETE FROM account_tokens WHERE user_id = $1 AND used_at IS NULL`, [id]);
        result = { method: 'temporary', temporaryPassword: temporary };
      } else if (!target.activated) {
        const link = await this.links.issue(tx, id, 'activation', actor.id);
        result = { method: 'activation', url: link.url, expiresAt: link.expiresAt };
      } else {
        const link = await this.links.issue(tx, id, 'reset', actor.id);
        result = { method: 'link', url: link.url, expiresAt: link.expiresAt };
      }
      await this.auth.endAllSessions(id, tx);
      await this.audit.record(tx, actor, { action: 'account.password_reset', entityType: 'user', entityId: id, schoolId: target.schoolId, after: { method: result.method } });
      return result;
    });
  }

  /** Live activation links of accounts not yet activated, for the people who hand them out. */
  async activationLinks(actor: AuthUser, q: { schoolId?: number; batchId?: number }): Promise<(UserView & { activationUrl: string; activationExpiresAt: string })[]> {
    const { where, params } = this.filter(actor, { schoolId: q.schoolId });
    const batch = q.batchId === undefined ? 'TRUE' : `t.batch_id = ${params.add(q.batchId)}`;
    const rows = await this.ds.query(
      `${USER_VIEW_SELECT.replace('FROM users u', 'FROM users u JOIN account_tokens t ON t.user_id = u.id')}
       WHERE ${where} AND ${batch} AND u.password_hash IS NULL AND u.status = 'active'
         AND t.purpose = 'activation' AND t.used_at IS NULL AND t.expires_at > now() AND t.sealed IS NOT NULL
       ORDER BY s.name NULLS FIRST, u.display_name, u.email`.replace('SELECT u.id,', `SELECT t.sealed, t.expires_at AS "activationExpiresAt", u.id,`),
      params.values,
    );
    await this.audit.record(this.ds.manager, actor, { action: 'account.links_printed', entityType: 'user', entityId: q.schoolId ? `school:${q.schoolId}` : 'scope', schoolId: q.schoolId ?? null, after: { accounts: rows.length, batchId: q.batchId ?? null } });
    return rows.map(({ sealed, activationExpiresAt, ...r }: { sealed: string; activationExpiresAt: Date }) => ({
      ...toView(r as unknown as UserView),
      activationUrl: this.links.open(sealed),
      activationExpiresAt: new Date(activationExpiresAt).toISOString(),
    }));
  }

  /** The caller's own account. */
  me(user: AuthUser): Promise<UserView> {
    return this.view(this.ds.manager, user.id);
  }

  async view(manager: EntityManager, id: string): Promise<UserView> {
    const [row] = await manager.query(`${USER_VIEW_SELECT} WHERE u.id = $1`, [id]);
    if (!row) throw new NotFoundError('user', id);
    return toView(row);
  }

  /** The caller as the delegation rules see them (a principal's office comes from their school). */
  async actorOf(user: AuthUser): Promise<Actor> {
    const [row] = await this.ds.query(`${PLACED_SELECT} WHERE u.id = $1`, [user.id]);
    return { id: user.id, role: user.role, schoolId: user.schoolId, office: row?.office ?? user.districtOffice };
  }

  private async placed(manager: EntityManager, id: string, lock = false): Promise<PlacedUser> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFoundError('user', id);
    if (lock) await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await manager.query(`${PLACED_SELECT} WHERE u.id = $1`, [id]);
    if (!row) throw new NotFoundError('user', id);
    return row;
  }

  private async placedForManagement(manager: EntityManager, actor: AuthUser, id: string): Promise<PlacedUser> {
    const target = await this.placed(manager, id);
    const refused = checkManage(await this.actorOf(actor), target);
    // Accounts outside the caller's reach are not theirs to know about.
    if (refused.length) throw new NotFoundError('user', id);
    return target;
  }

  private async insert(tx: EntityManager, u: Required<Omit<SystemUser, 'password' | 'schoolCode'>>, passwordHash: string | null, by: string | null): Promise<string> {
    try {
      const [{ id }] = await tx.query(
        `INSERT INTO users (email, password_hash, role, school_id, district_office_code, display_name, teacher_number, created_by, updated_by, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, CASE WHEN $2::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
        [u.email, passwordHash, u.role, u.schoolId, u.districtOffice, u.displayName, u.teacherNumber, by],
      );
      return id;
    } catch (e) {
      throw uniqueConflict(e);
    }
  }

  /**
   * The school or office an account would have: a principal or teacher needs a school (by id or NEIS
   * code, the current one when unchanged), a district admin an office, a city admin neither.
   */
  private async resolvePlace(role: Role, dto: { schoolId?: number; schoolCode?: string; districtOffice?: string }, current: PlacedUser | null): Promise<AccountPlace> {
    const schoolRole = role === 'principal' || role === 'teacher';
    if (!schoolRole && (dto.schoolId !== undefined || dto.schoolCode !== undefined)) {
      throw new ValidationFailedError(`A ${role} has no school`, [{ field: dto.schoolId !== undefined ? 'schoolId' : 'schoolCode', reason: `not allowed for ${role}` }]);
    }
    if (role !== 'district_admin' && dto.districtOffice !== undefined) {
      throw new ValidationFailedError(`Only a district_admin has a district office`, [{ field: 'districtOffice', reason: `not allowed for ${role}; a school's office follows from the school` }]);
    }
    if (schoolRole) {
      let school: { id: number; office: string } | undefined;
      if (dto.schoolId !== undefined || dto.schoolCode !== undefined) {
        const [row] = await this.ds.query(
          `SELECT s.id, d.office_code AS office, s.neis_code AS code FROM schools s JOIN districts d ON d.name = s.district
           WHERE ($1::int IS NULL OR s.id = $1) AND ($2::text IS NULL OR s.neis_code = $2)`,
          [dto.schoolId ?? null, dto.schoolCode ?? null],
        );
        const field = dto.schoolCode !== undefined ? 'schoolCode' : 'schoolId';
        if (!row) throw new ValidationFailedError(`No such school`, [{ field, reason: dto.schoolId !== undefined && dto.schoolCode !== undefined ? 'schoolId and schoolCode name different schools' : 'no school with this ' + (field === 'schoolCode' ? 'NEIS code' : 'id') }], 'UNKNOWN_SCHOOL');
        school = row;
      } else if (current?.schoolId) {
        school = { id: current.schoolId, office: current.office! };
      }
      if (!school) throw new ValidationFailedError(`A ${role} needs a school`, [{ field: 'schoolId', reason: `required for ${role} (schoolId or schoolCode)` }]);
      return { role, schoolId: school.id, office: school.office };
    }
    if (role === 'district_admin') {
      const office = dto.districtOffice ?? (current?.role === 'district_admin' ? current.office : undefined);
      if (!office) throw new ValidationFailedError('A district_admin needs a district office', [{ field: 'districtOffice', reason: 'required for district_admin' }]);
      const [known] = await this.ds.query(`SELECT 1 FROM district_offices WHERE code = $1`, [office]);
      if (!known) throw new ValidationFailedError('No such district office', [{ field: 'districtOffice', reason: `no district office '${office}'` }]);
      return { role, schoolId: null, office };
    }
    return { role, schoolId: null, office: null };
  }

  private filter(actor: AuthUser, q: Partial<UserListQuery>): { where: string; params: SqlParams } {
    const p = new SqlParams();
    const and: string[] = [];
    switch (actor.role) {
      case 'city_admin':
        break;
      case 'district_admin':
        and.push(`u.role IN ('principal', 'teacher') AND d.office_code = ${p.add(actor.districtOffice)}`);
        break;
      case 'principal':
        and.push(`u.role = 'teacher' AND u.school_id = ${p.add(actor.schoolId)}`);
        break;
      default:
        throw new ForbiddenError('Teachers do not manage accounts', 'ROLE_NOT_ALLOWED');
    }
    if (q.role) and.push(`u.role = ${p.add(q.role)}`);
    if (q.districtOffice) and.push(`coalesce(u.district_office_code, d.office_code) = ${p.add(q.districtOffice)}`);
    if (q.schoolId) and.push(`u.school_id = ${p.add(q.schoolId)}`);
    if (q.status) and.push(`u.status = ${p.add(q.status)}`);
    if (q.pending) and.push(`(u.password_hash IS NULL) = ${p.add(q.pending === 'true')}`);
    if (q.q) {
      const like = p.add(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      and.push(`(u.display_name ILIKE ${like} OR u.email ILIKE ${like} OR u.teacher_number ILIKE ${like})`);
    }
    return { where: and.length ? and.join(' AND ') : 'TRUE', params: p };
  }
}

function toView(r: UserView): UserView {
  return {
    ...r,
    lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

const scopeOf = (v: UserView) => ({ role: v.role, schoolId: v.schoolId, schoolCode: v.schoolCode, districtOffice: v.districtOffice });
const auditable = (v: UserView) => ({ email: v.email, name: v.name, teacherNumber: v.teacherNumber, status: v.status, ...scopeOf(v) });

/** A refusal by the delegation rules: 403 with every rule that stands in the way. */
export function refuse(refusals: DelegationRefusal[]): void {
  if (refusals.length === 0) return;
  throw new ForbiddenError(refusals.map((r) => r.reason).join('; '), 'ACCOUNT_OUT_OF_REACH', refusals.map((r) => ({ ...r })));
}

function uniqueConflict(e: unknown): unknown {
  const pg = ((e as { driverError?: unknown })?.driverError ?? e) as { code?: string; constraint?: string };
  const known = pg?.code === '23505' && pg.constraint ? UNIQUE_FIELDS[pg.constraint] : undefined;
  return known ? new ConflictError(known.message, [{ field: known.field, reason: known.message }], known.code) : e;
}

/** 12 characters of letters, digits and symbols, without look-alikes (0/O, 1/l/I) for reading aloud. */
export function temporaryPassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
