import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, NotFoundError, ValidationFailedError } from '@app/core';
import { CATEGORY_INFO, DestructionMethod, METHOD_NAME, RETENTION_CATEGORIES, RetentionCategory } from './categories';
import type { CreateRetentionRuleDto, RetentionRuleDto, UpdateRetentionRuleDto } from './retention.dto';

const RULE_SELECT = `SELECT r.id, r.category, r.description, r.keep_months AS "keepMonths", r.method, r.legal_basis AS "legalBasis", r.active,
  r.approved_by AS "approvedBy", a.display_name AS "approvedByName", r.approved_at AS "approvedAt",
  r.updated_by AS "updatedBy", u.display_name AS "updatedByName", r.updated_at AS "updatedAt", r.created_at AS "createdAt"
  FROM retention_rules r LEFT JOIN users a ON a.id = r.approved_by LEFT JOIN users u ON u.id = r.updated_by`;

const ACTIVE_INDEX = 'retention_rules_active_category';

/** The fields whose values the audit record keeps, before and after. */
const AUDITED = ['category', 'description', 'keepMonths', 'method', 'legalBasis', 'active'] as const;

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

function view(row: Record<string, unknown>): RetentionRuleDto {
  const category = row.category as RetentionCategory;
  return {
    ...(row as unknown as RetentionRuleDto),
    categoryName: CATEGORY_INFO[category].name,
    basis: CATEGORY_INFO[category].basis,
    approvedAt: iso(row.approvedAt),
    updatedAt: iso(row.updatedAt)!,
    createdAt: iso(row.createdAt)!,
  };
}

function pick(rule: RetentionRuleDto): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map((k) => [k, rule[k]]));
}

function assertMethod(category: RetentionCategory, method: DestructionMethod): void {
  const known = CATEGORY_INFO[category].method;
  if (method !== known) {
    throw new ValidationFailedError(`${category} is destroyed by ${known}`, [{ field: 'method', reason: `${category} can only be destroyed by ${known} (${METHOD_NAME[known]})` }]);
  }
}

function activeExists(category: string): ConflictError {
  return new ConflictError(`An active rule for ${category} exists: change it, or retire it (active: false) first`, [{ field: 'category', reason: 'one active rule per category' }], 'RETENTION_RULE_EXISTS');
}

/**
 * 보존 기간표: one active rule per category of personal data, read and changed by city
 * administrators (the privacy officer is one). Creating or changing a rule approves it as it then
 * reads (approved_by/at); every change is in the audit log with its before and after.
 */
@Injectable()
export class RetentionRules {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<RetentionRuleDto[]> {
    const rows = await this.ds.query(`${RULE_SELECT} ORDER BY r.active DESC, array_position($1::text[], r.category), r.id DESC`, [RETENTION_CATEGORIES]);
    return rows.map(view);
  }

  async get(id: number, db: EntityManager = this.ds.manager): Promise<RetentionRuleDto> {
    const [row] = await db.query(`${RULE_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw new NotFoundError('retention rule', id);
    return view(row);
  }

  async create(dto: CreateRetentionRuleDto, actor: AuthUser): Promise<RetentionRuleDto> {
    assertMethod(dto.category, dto.method);
    const id = await this.ds.transaction(async (tx) => {
      // The unique index is the last word; this gives the usual case a plain answer.
      const [existing] = await tx.query(`SELECT id FROM retention_rules WHERE category = $1 AND active`, [dto.category]);
      if (existing) throw activeExists(dto.category);
      const [{ id }] = await tx
        .query(
          `INSERT INTO retention_rules (category, description, keep_months, method, legal_basis, approved_by, approved_at, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, now(), $6, now()) RETURNING id`,
          [dto.category, dto.description, dto.keepMonths, dto.method, dto.legalBasis ?? '', actor.id],
        )
        .catch((e) => rethrowActive(e, dto.category));
      const created = await this.get(id, tx);
      await this.audit.record(tx, actor, { action: 'retention_rule.created', entityType: 'retention_rule', entityId: id, after: pick(created) });
      return id as number;
    });
    return this.get(id);
  }

  async update(id: number, dto: UpdateRetentionRuleDto, actor: AuthUser): Promise<RetentionRuleDto> {
    await this.ds.transaction(async (tx) => {
      const [locked] = await tx.query(`SELECT id FROM retention_rules WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw new NotFoundError('retention rule', id);
      const before = await this.get(id, tx);
      assertMethod(before.category, dto.method ?? before.method);
      await tx
        .query(
          `UPDATE retention_rules SET description = coalesce($2, description), keep_months = coalesce($3, keep_months), method = coalesce($4, method),
             legal_basis = coalesce($5, legal_basis), active = coalesce($6, active), approved_by = $7, approved_at = now(), updated_by = $7, updated_at = now()
           WHERE id = $1`,
          [id, dto.description ?? null, dto.keepMonths ?? null, dto.method ?? null, dto.legalBasis ?? null, dto.active ?? null, actor.id],
        )
        .catch((e) => rethrowActive(e, before.category));
      const after = await this.get(id, tx);
      // Approving a rule unchanged is a decision too: the audit keeps who approved what and when.
      const changed = AUDITED.some((k) => before[k] !== after[k]);
      await this.audit.record(tx, actor, {
        action: changed ? 'retention_rule.changed' : 'retention_rule.approved',
        entityType: 'retention_rule',
        entityId: id,
        before: { ...pick(before), approvedBy: before.approvedBy, approvedAt: before.approvedAt },
        after: { ...pick(after), approvedBy: after.approvedBy, approvedAt: after.approvedAt },
      });
    });
    return this.get(id);
  }
}

function rethrowActive(e: unknown, category: string): never {
  const pg = ((e as { driverError?: unknown })?.driverError ?? e) as { code?: string; constraint?: string };
  if (pg?.code === '23505' && pg.constraint === ACTIVE_INDEX) throw activeExists(category);
  throw e;
}
