import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/role';
import { seoulInstant } from '../time/seoul-time';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  schoolId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  /** The actor's display name (Korean name), shown wherever an actor is shown. */
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  schoolId: number | null;
  before: unknown;
  after: unknown;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** An action, or a family of them: `account` matches `account.created`, `account.disabled`… */
  action?: string;
  /** From this instant on; a date alone: from the start of that Seoul day. */
  from?: string;
  /** Before this instant; a date alone: up to the end of that Seoul day. */
  to?: string;
}

/** Append-only history of changes; written in the caller's transaction so a rolled-back change leaves no trace. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** An update that changed nothing leaves no record, so the history shows only real changes. */
  async record(manager: EntityManager, actor: Pick<AuthUser, 'id' | 'requestId'> & { role?: string | null } | null, e: AuditEntry): Promise<void> {
    if (e.before !== undefined && e.after !== undefined && diff(e.before, e.after).length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, school_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [actor?.id ?? null, actor?.role ?? null, e.action, e.entityType, String(e.entityId), e.schoolId ?? null,
        e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after), actor?.requestId ?? null],
    );
  }

  forSchool(schoolId: number, opts: { entityTypes?: string[]; limit?: number; beforeId?: string } = {}): Promise<AuditRecord[]> {
    return this.read('a.school_id = $1 AND ($2::text[] IS NULL OR a.entity_type = ANY($2))', [schoolId, opts.entityTypes ?? null], opts);
  }

  forEntity(entityType: string, entityId: string | number, opts: { limit?: number; beforeId?: string } = {}): Promise<AuditRecord[]> {
    return this.read('a.entity_type = $1 AND a.entity_id = $2', [entityType, String(entityId)], opts);
  }

  /** The whole log for city administrators: who did what, when, filtered; newest first, paged by id. */
  search(f: AuditFilter, opts: { limit?: number; beforeId?: string } = {}): Promise<AuditRecord[]> {
    return this.read(
      `($1::text IS NULL OR a.entity_type = $1) AND ($2::text IS NULL OR a.entity_id = $2) AND ($3::uuid IS NULL OR a.actor_id = $3)
       AND ($4::text IS NULL OR a.action = $4 OR a.action LIKE $4 || '.%') AND ($5::timestamptz IS NULL OR a.at >= $5) AND ($6::timestamptz IS NULL OR a.at < $6)`,
      [f.entityType ?? null, f.entityId ?? null, f.actorId ?? null, f.action ?? null, f.from ? seoulInstant(f.from) : null, f.to ? seoulInstant(f.to, 'end') : null],
      opts,
    );
  }

  private async read(where: string, params: unknown[], opts: { limit?: number; beforeId?: string }): Promise<AuditRecord[]> {
    const n = params.length;
    const rows = await this.ds.query(
      `SELECT a.id::text, a.at, a.actor_id AS "actorId", u.email AS "actorEmail", nullif(u.display_name, '') AS "actorName", a.actor_role AS "actorRole", a.action,
              a.entity_type AS "entityType", a.entity_id AS "entityId", a.school_id AS "schoolId", a.before, a.after
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE ${where} AND ($${n + 1}::bigint IS NULL OR a.id < $${n + 1})
       ORDER BY a.id DESC LIMIT $${n + 2}`,
      [...params, opts.beforeId ?? null, Math.min(opts.limit ?? 100, 500)],
    );
    return rows.map((r: AuditRecord) => ({ ...r, changes: diff(r.before, r.after) }));
  }
}

/** Field-level changes between two snapshots, for a readable history. */
export function diff(before: unknown, after: unknown): { field: string; from: unknown; to: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => f !== 'updatedAt' && f !== 'createdAt');
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((f) => ({ field: f, from: b[f] ?? null, to: a[f] ?? null }));
}
