import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { AccountHooks, AuthUser, CellProblem, copyRows, copyTransaction, importRejected, readTable, updateReturning } from '@app/core';
import { AccountLinks } from '../links/account-links.service';
import { checkManage } from '../users/delegation';
import { UsersService } from '../users/users.service';
import { excerpt, parseRosterRows, ROSTER_MAX_ROWS, RosterRow } from './roster-rows';

export interface RosterOptions {
  dryRun: boolean;
  disableMissing: boolean;
}

export interface RosterChange {
  row: number;
  teacherNumber: string;
  email: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
  /** The fields an update changes. */
  fields: string[];
}

export interface RosterResult {
  dryRun: boolean;
  encoding: string;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  disabled: number;
  /** Rows that would be or were created or changed (at most CHANGE_LIST_LIMIT, the counts are whole). */
  changes: RosterChange[];
  /** Accounts disabled because the file does not list them. */
  disabledAccounts: { id: string; email: string; name: string; teacherNumber: string | null }[];
  /** Accounts in the file that stay disabled (an import does not undo an administrator's decision). */
  stillDisabled: { row: number; teacherNumber: string }[];
  batchId: number | null;
  /** New accounts that got an activation link; hand them out from `activationLinks`. */
  activationLinks: number;
  activationLinksUrl: string | null;
}

const CHANGE_LIST_LIMIT = 2000;

/**
 * A staff roster (NEIS school code, teacher number, name, email, role) into accounts: upsert by
 * teacher number, all or nothing, with a dry run. Rows are checked in memory, COPYed to a staging
 * table, checked against the accounts in SQL (emails of other people, accounts outside the
 * importer's reach) and merged in set-based statements in one transaction. New accounts get an
 * activation link, not a password, so no hashing is on this path.
 */
@Injectable()
export class RosterImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly links: AccountLinks,
    private readonly hooks: AccountHooks,
  ) {}

  async import(file: Buffer, filename: string, options: RosterOptions, actor: AuthUser): Promise<RosterResult> {
    const table = await readTable(file, filename, { maxRows: ROSTER_MAX_ROWS });
    const me = await this.users.actorOf(actor);
    const schools = new Map<string, { id: number; office: string }>(
      (await this.ds.query(`SELECT s.neis_code AS code, s.id, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE s.neis_code IS NOT NULL`))
        .map((s: { code: string; id: number; office: string }) => [s.code, { id: s.id, office: s.office }]),
    );
    const { rows, problems } = parseRosterRows(table, schools, me);
    if (problems.length) throw importRejected(problems);

    const rollback = new DryRunRollback();
    try {
      return await copyTransaction(this.ds, async (qr, client) => {
        const result = await this.merge(qr, client, rows, filename, options, actor);
        if (options.dryRun) {
          rollback.result = { ...result, encoding: table.encoding };
          throw rollback;
        }
        return { ...result, encoding: table.encoding };
      });
    } catch (e) {
      if (e === rollback) return rollback.result!;
      throw e;
    }
  }

  private async merge(qr: QueryRunner, client: PoolClient, rows: RosterRow[], filename: string, options: RosterOptions, actor: AuthUser): Promise<RosterResult> {
    const me = await this.users.actorOf(actor);
    await qr.query(`CREATE TEMP TABLE staged_accounts (row_no int, teacher_number text, email text, name text, role text, school_id int) ON COMMIT DROP`);
    await copyRows(client, 'staged_accounts', ['row_no', 'teacher_number', 'email', 'name', 'role', 'school_id'],
      rows.map((r) => [r.rowNumber, r.teacherNumber, r.email, r.name, r.role, r.schoolId]));
    await qr.query(`CREATE INDEX ON staged_accounts (teacher_number); CREATE INDEX ON staged_accounts (email); ANALYZE staged_accounts`);
    // Serialises concurrent roster imports: two files naming the same new teacher would otherwise race.
    await qr.query(`SELECT pg_advisory_xact_lock(hashtext('account-roster-import'))`);

    // Against the accounts that exist: an email another person already uses, and existing accounts
    // (matched by teacher number) that the importer may not act on.
    const problems: CellProblem[] = [];
    const taken: { row_no: number; email: string }[] = await qr.query(
      `SELECT s.row_no, s.email FROM staged_accounts s JOIN users u ON u.email = s.email
       WHERE u.teacher_number IS DISTINCT FROM s.teacher_number ORDER BY s.row_no LIMIT 1000`,
    );
    for (const t of taken) problems.push({ row: t.row_no, column: 'email', reason: `another account already uses '${excerpt(t.email)}'` });
    const existing: { row_no: number; id: string; role: RosterRow['role']; schoolId: number | null; office: string | null; status: string }[] = await qr.query(
      `SELECT s.row_no, u.id, u.role, u.school_id AS "schoolId", coalesce(u.district_office_code, d.office_code) AS office, u.status
       FROM staged_accounts s JOIN users u ON u.teacher_number = s.teacher_number
       LEFT JOIN schools sc ON sc.id = u.school_id LEFT JOIN districts d ON d.name = sc.district`,
    );
    for (const e of existing) {
      if (e.id === actor.id) problems.push({ row: e.row_no, column: 'teacher_number', reason: 'this is your own account; your administrator changes it' });
      else for (const r of checkManage(me, e)) problems.push({ row: e.row_no, column: 'teacher_number', reason: `an account with this teacher number exists and ${r.reason}` });
    }
    if (problems.length) throw importRejected(problems.sort((a, b) => a.row - b.row));
    const numberOfRow = new Map(rows.map((r) => [r.rowNumber, r.teacherNumber]));
    const stillDisabled = existing.filter((e) => e.status === 'disabled').map((e) => ({ row: e.row_no, teacherNumber: numberOfRow.get(e.row_no)! }));

    const changes: { row_no: number; teacher_number: string; email: string; name: string; action: RosterChange['action']; fields: string[] }[] = await qr.query(
      `SELECT s.row_no, s.teacher_number, s.email, s.name,
              CASE WHEN u.id IS NULL THEN 'create' WHEN (u.email, u.display_name, u.role, u.school_id) IS NOT DISTINCT FROM (s.email, s.name, s.role, s.school_id) THEN 'unchanged' ELSE 'update' END AS action,
              array_remove(ARRAY[
                CASE WHEN u.id IS NOT NULL AND u.email IS DISTINCT FROM s.email THEN 'email' END,
                CASE WHEN u.id IS NOT NULL AND u.display_name IS DISTINCT FROM s.name THEN 'name' END,
                CASE WHEN u.id IS NOT NULL AND u.role IS DISTINCT FROM s.role THEN 'role' END,
                CASE WHEN u.id IS NOT NULL AND u.school_id IS DISTINCT FROM s.school_id THEN 'school' END], NULL) AS fields
       FROM staged_accounts s LEFT JOIN users u ON u.teacher_number = s.teacher_number ORDER BY s.row_no`,
    );
    const count = (a: string) => changes.filter((c) => c.action === a).length;

    const [batch] = await qr.query(
      `INSERT INTO account_import_batches (filename, imported_by, rows_received, created, updated, unchanged, disabled) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id`,
      [filename.slice(0, 255), actor.id, rows.length, count('create'), count('update'), count('unchanged')],
    );
    const batchId: number = batch.id;

    // Changes first (a role or school change ends the account's sessions), then new accounts.
    const updated = await updateReturning<{ id: string; scope_changed: boolean; before: unknown; after: unknown; school_id: number }>(
      qr,
      `WITH old AS (
         SELECT u.id, u.email, u.display_name, u.role, u.school_id FROM users u JOIN staged_accounts s ON s.teacher_number = u.teacher_number
         WHERE (u.email, u.display_name, u.role, u.school_id) IS DISTINCT FROM (s.email, s.name, s.role, s.school_id) FOR UPDATE OF u
       )
       UPDATE users u SET email = s.email, display_name = s.name, role = s.role, school_id = s.school_id, updated_by = $1, updated_at = now()
       FROM staged_accounts s, old WHERE old.id = u.id AND s.teacher_number = u.teacher_number
       RETURNING u.id, u.school_id, (old.role, old.school_id) IS DISTINCT FROM (s.role, s.school_id) AS scope_changed,
         json_build_object('email', old.email, 'name', old.display_name, 'role', old.role, 'schoolId', old.school_id) AS before,
         json_build_object('email', s.email, 'name', s.name, 'role', s.role, 'schoolId', s.school_id) AS after`,
      [actor.id],
    );
    const created: { id: string }[] = await qr.query(
      `INSERT INTO users (email, password_hash, role, school_id, display_name, teacher_number, created_by, updated_by)
       SELECT s.email, NULL, s.role, s.school_id, s.name, s.teacher_number, $1, $1 FROM staged_accounts s
       WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.teacher_number = s.teacher_number)
       ORDER BY s.row_no RETURNING id`,
      [actor.id],
    );
    const missing = this.missingScope(actor);
    const disabled = options.disableMissing
      ? await updateReturning<{ id: string; email: string; name: string; teacherNumber: string | null; school_id: number }>(
          qr,
          `UPDATE users u SET status = 'disabled', updated_by = $1, updated_at = now()
           FROM schools sc JOIN districts d ON d.name = sc.district
           WHERE sc.id = u.school_id AND u.status = 'active' AND u.id <> $1 AND ${missing.sql}
             AND NOT EXISTS (SELECT 1 FROM staged_accounts s WHERE s.teacher_number = u.teacher_number)
           RETURNING u.id, u.email, u.display_name AS name, u.teacher_number AS "teacherNumber", u.school_id`,
          [actor.id, ...missing.params],
        )
      : [];
    await qr.query(`UPDATE account_import_batches SET disabled = $2 WHERE id = $1`, [batchId, disabled.length]);

    const ended = [...updated.filter((u) => u.scope_changed).map((u) => u.id), ...disabled.map((d) => d.id)];
    if (ended.length) await qr.query(`UPDATE user_sessions SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [ended]);

    // New accounts, and accounts never activated whose link has lapsed, get an activation link.
    const pending: { id: string }[] = await qr.query(
      `SELECT u.id FROM users u JOIN staged_accounts s ON s.teacher_number = u.teacher_number
       WHERE u.password_hash IS NULL AND u.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'activation' AND t.used_at IS NULL AND t.expires_at > now())`,
    );
    await this.links.issueActivationMany(qr.manager, client, pending.map((p) => p.id), batchId, actor.id);

    // One audit record per account touched, written in SQL (70,000 of them in one statement).
    await qr.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, school_id, before, after, request_id)
       SELECT $1, $2, 'account.created', 'user', u.id::text, u.school_id, NULL,
              json_build_object('email', u.email, 'name', u.display_name, 'role', u.role, 'schoolId', u.school_id, 'teacherNumber', u.teacher_number, 'batchId', $4::int), $3
       FROM users u WHERE u.id = ANY($5::uuid[])`,
      [actor.id, actor.role, actor.requestId ?? null, batchId, created.map((c) => c.id)],
    );
    if (updated.length) {
      await qr.query(
        `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, school_id, before, after, request_id)
         SELECT $1, $2, CASE WHEN x.scope_changed THEN 'account.scope_changed' ELSE 'account.changed' END, 'user', x.id, x.school_id, x.before, x.after, $3
         FROM jsonb_to_recordset($4::jsonb) AS x(id text, school_id int, scope_changed boolean, before jsonb, after jsonb)`,
        [actor.id, actor.role, actor.requestId ?? null, JSON.stringify(updated)],
      );
    }
    if (disabled.length) {
      await qr.query(
        `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, school_id, before, after, request_id)
         SELECT $1, $2, 'account.disabled', 'user', x.id, x.school_id, '{"status":"active"}', json_build_object('status', 'disabled', 'batchId', $4::int), $3
         FROM jsonb_to_recordset($5::jsonb) AS x(id text, school_id int)`,
        [actor.id, actor.role, actor.requestId ?? null, batchId, JSON.stringify(disabled)],
      );
    }
    await this.hooks.accountsSaved(qr.manager, [...created.map((c) => c.id), ...updated.map((u) => u.id)]);

    return {
      dryRun: options.dryRun,
      encoding: '',
      received: rows.length,
      created: created.length,
      updated: updated.length,
      unchanged: count('unchanged'),
      disabled: disabled.length,
      changes: changes.filter((c) => c.action !== 'unchanged').slice(0, CHANGE_LIST_LIMIT)
        .map((c) => ({ row: c.row_no, teacherNumber: c.teacher_number, email: c.email, name: c.name, action: c.action, fields: c.fields })),
      disabledAccounts: disabled.slice(0, CHANGE_LIST_LIMIT).map(({ id, email, name, teacherNumber }) => ({ id, email, name, teacherNumber })),
      stillDisabled: stillDisabled.slice(0, CHANGE_LIST_LIMIT),
      batchId: options.dryRun ? null : batchId,
      activationLinks: pending.length,
      activationLinksUrl: options.dryRun || pending.length === 0 ? null : `/api/v1/users/activation-links.xlsx?batchId=${batchId}`,
    };
  }

  /**
   * Which accounts "not in the file" means: a principal's own teachers, a district office's principals
   * and teachers, and for the city the principals and teachers of the schools the file names.
   */
  private missingScope(actor: AuthUser): { sql: string; params: unknown[] } {
    switch (actor.role) {
      case 'principal':
        return { sql: `u.role = 'teacher' AND u.school_id = $2`, params: [actor.schoolId] };
      case 'district_admin':
        return { sql: `u.role IN ('principal', 'teacher') AND d.office_code = $2`, params: [actor.districtOffice] };
      default:
        return { sql: `u.role IN ('principal', 'teacher') AND u.school_id IN (SELECT DISTINCT school_id FROM staged_accounts)`, params: [] };
    }
  }
}

/** Thrown to roll a dry run's transaction back after it has computed everything a real run would. */
class DryRunRollback extends Error {
  result?: RosterResult;
}
