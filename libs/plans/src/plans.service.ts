import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, NotFoundError, ValidationFailedError } from '@app/core';
import type { CreatePlanDto, PlanItemInputDto, RevisePlanDto, UpdatePlanDto } from './plans.dto';
import { missingItems, PLAN_ITEMS, PLAN_YEARS } from './plan-items';
import type { PlanDto } from './plan-responses.dto';

const PLAN_SELECT = `
  SELECT p.id, p.lineage_id AS "lineageId", p.version, p.revises_id AS "revisesId", p.revision_reason AS "revisionReason", p.title,
         p.period_start AS "periodStart", p.period_end AS "periodEnd", p.vision, p.goals, p.items,
         p.fourth_industrial_plan_ref AS "fourthIndustrialPlanRef", p.status, p.adopted_at AS "adoptedAt", p.adopted_by::text AS "adoptedBy",
         p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         coalesce((SELECT array_agg(y.school_year ORDER BY y.school_year) FROM yearly_plans y WHERE y.plan_id = p.id), '{}') AS years
  FROM basic_plans p`;

interface PlanRow extends Omit<PlanDto, 'items'> {
  items: Record<string, string>;
}

/** Whether a role sees drafts: principals and teachers see adopted plans only (and what they replaced). */
export const seesDrafts = (user: AuthUser) => user.role === 'city_admin' || user.role === 'district_admin';

const toDto = (r: PlanRow): PlanDto => ({
  ...r,
  adoptedAt: r.adoptedAt && new Date(r.adoptedAt).toISOString(),
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
  items: PLAN_ITEMS.map((i) => ({ item: i.item, name: i.name, content: r.items[String(i.item)] ?? '' })),
});

const mergeItems = (current: Record<string, string>, given?: PlanItemInputDto[]): Record<string, string> => {
  const out = { ...current };
  for (const i of given ?? []) out[String(i.item)] = i.content;
  return out;
};

/** 조례 제4조: the five-year basic plan, its adoption (then frozen) and its revisions (new versions). */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthUser): Promise<PlanDto[]> {
    const rows: PlanRow[] = await this.ds.query(
      `${PLAN_SELECT} ${seesDrafts(user) ? '' : `WHERE p.status <> 'draft'`} ORDER BY p.period_start DESC, p.lineage_id DESC, p.version DESC`,
    );
    return rows.map(toDto);
  }

  async get(id: number, user: AuthUser | null, manager: EntityManager = this.ds.manager): Promise<PlanDto> {
    const [row]: PlanRow[] = await manager.query(`${PLAN_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw new NotFoundError('basic plan', id);
    if (user && !seesDrafts(user) && row.status === 'draft') throw new NotFoundError('basic plan', id);
    return toDto(row);
  }

  private checkPeriod(start: number, end: number): void {
    if (end !== start + PLAN_YEARS - 1) {
      throw new ValidationFailedError('A basic plan covers five school years', [{ field: 'periodEnd', reason: `must be periodStart + 4 (${start + PLAN_YEARS - 1}); got ${end}` }]);
    }
  }

  async create(dto: CreatePlanDto, actor: AuthUser): Promise<PlanDto> {
    this.checkPeriod(dto.periodStart, dto.periodEnd);
    return this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO basic_plans (title, period_start, period_end, vision, goals, items, fourth_industrial_plan_ref, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.title, dto.periodStart, dto.periodEnd, dto.vision ?? '', JSON.stringify(dto.goals ?? []), JSON.stringify(mergeItems({}, dto.items)), dto.fourthIndustrialPlanRef ?? null, actor.id],
      );
      await tx.query(`UPDATE basic_plans SET lineage_id = id WHERE id = $1`, [id]);
      const after = await this.get(id, null, tx);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'basic_plan', entityId: id, after });
      return after;
    });
  }

  /** Drafts only: an adopted plan is frozen (revise it instead). */
  async update(id: number, dto: UpdatePlanDto, actor: AuthUser): Promise<PlanDto> {
    return this.ds.transaction(async (tx) => {
      const before = await this.lock(tx, id);
      if (before.status !== 'draft') throw new ConflictError(`The plan is ${before.status} and frozen; revise it to change it`, [{ field: 'status', reason: before.status }], 'PLAN_FROZEN');
      const start = dto.periodStart ?? before.periodStart;
      const end = dto.periodEnd ?? (dto.periodStart !== undefined ? dto.periodStart + PLAN_YEARS - 1 : before.periodEnd);
      this.checkPeriod(start, end);
      const current = Object.fromEntries(before.items.map((i) => [String(i.item), i.content]));
      await tx.query(
        `UPDATE basic_plans SET title = $2, period_start = $3, period_end = $4, vision = $5, goals = $6, items = $7, fourth_industrial_plan_ref = $8, updated_at = now() WHERE id = $1`,
        [id, dto.title ?? before.title, start, end, dto.vision ?? before.vision, JSON.stringify(dto.goals ?? before.goals), JSON.stringify(mergeItems(current, dto.items)),
          dto.fourthIndustrialPlanRef !== undefined ? dto.fourthIndustrialPlanRef : before.fourthIndustrialPlanRef],
      );
      const after = await this.get(id, null, tx);
      await this.audit.record(tx, actor, { action: 'update', entityType: 'basic_plan', entityId: id, before, after });
      return after;
    });
  }

  /**
   * Adoption: items 1–7 written, and no other adopted plan's period overlaps (the version it
   * revises steps aside: it becomes superseded, and its yearly plans move to the new version).
   */
  async adopt(id: number, actor: AuthUser): Promise<PlanDto> {
    return this.ds.transaction(async (tx) => {
      // One adoption at a time, so two overlapping drafts cannot both pass the check.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('basic_plans.adopt'))`);
      const before = await this.lock(tx, id);
      if (before.status !== 'draft') throw new ConflictError(`The plan is already ${before.status}`, [{ field: 'status', reason: before.status }], 'PLAN_FROZEN');
      const missing = missingItems(Object.fromEntries(before.items.map((i) => [String(i.item), i.content])));
      if (missing.length) {
        throw new ValidationFailedError(
          `Items ${missing.join(', ')} of 제4조 ② are empty`,
          missing.map((n) => ({ field: `items.${n}`, reason: `${PLAN_ITEMS[n - 1].name}: must not be empty to adopt` })),
          'PLAN_INCOMPLETE',
        );
      }
      const overlapping: { id: number; periodStart: number; periodEnd: number }[] = await tx.query(
        `SELECT id, period_start AS "periodStart", period_end AS "periodEnd" FROM basic_plans
         WHERE status = 'adopted' AND lineage_id <> $1 AND period_start <= $3 AND period_end >= $2`,
        [before.lineageId, before.periodStart, before.periodEnd],
      );
      if (overlapping.length) {
        throw new ConflictError(
          `Another adopted plan covers part of ${before.periodStart}–${before.periodEnd}`,
          overlapping.map((o) => ({ field: 'periodStart', reason: `overlaps adopted plan ${o.id} (${o.periodStart}–${o.periodEnd})`, id: String(o.id) })),
          'PLAN_PERIOD_OVERLAP',
        );
      }
      const previous: { id: number }[] = await tx.query(`SELECT id FROM basic_plans WHERE lineage_id = $1 AND status = 'adopted' AND id <> $2 FOR UPDATE`, [before.lineageId, id]);
      for (const p of previous) {
        await tx.query(`UPDATE basic_plans SET status = 'superseded', updated_at = now() WHERE id = $1`, [p.id]);
        // Yearly plans follow the plan in force; years outside the new period stay with the old version.
        await tx.query(
          `UPDATE yearly_plans SET plan_id = $2, updated_at = now() WHERE plan_id = $1 AND school_year BETWEEN $3 AND $4
             AND NOT EXISTS (SELECT 1 FROM yearly_plans z WHERE z.plan_id = $2 AND z.school_year = yearly_plans.school_year)`,
          [p.id, id, before.periodStart, before.periodEnd],
        );
        await this.audit.record(tx, actor, { action: 'supersede', entityType: 'basic_plan', entityId: p.id, after: { supersededBy: id } });
      }
      await tx.query(`UPDATE basic_plans SET status = 'adopted', adopted_at = now(), adopted_by = $2, updated_at = now() WHERE id = $1`, [id, actor.id]);
      const after = await this.get(id, null, tx);
      await this.audit.record(tx, actor, { action: 'adopt', entityType: 'basic_plan', entityId: id, before: { status: before.status }, after: { status: after.status, adoptedAt: after.adoptedAt } });
      return after;
    });
  }

  /** A revision of an adopted plan: a new draft version with its reason, the adopted one unchanged until the revision is adopted. */
  async revise(id: number, dto: RevisePlanDto, actor: AuthUser): Promise<PlanDto> {
    return this.ds.transaction(async (tx) => {
      const source = await this.lock(tx, id);
      if (source.status !== 'adopted') throw new ConflictError('Only the adopted plan is revised; edit a draft directly', [{ field: 'status', reason: source.status }], 'PLAN_NOT_ADOPTED');
      const open: { id: number }[] = await tx.query(`SELECT id FROM basic_plans WHERE lineage_id = $1 AND status = 'draft'`, [source.lineageId]);
      if (open.length) throw new ConflictError(`Revision ${open[0].id} of this plan is still a draft`, [{ field: 'id', reason: 'a draft revision exists', id: String(open[0].id) }], 'INVALID_STATE');
      const start = dto.periodStart ?? source.periodStart;
      const end = dto.periodEnd ?? (dto.periodStart !== undefined ? dto.periodStart + PLAN_YEARS - 1 : source.periodEnd);
      this.checkPeriod(start, end);
      const [{ version }] = await tx.query(`SELECT max(version)::int AS version FROM basic_plans WHERE lineage_id = $1`, [source.lineageId]);
      const current = Object.fromEntries(source.items.map((i) => [String(i.item), i.content]));
      const [{ id: newId }] = await tx.query(
        `INSERT INTO basic_plans (lineage_id, version, revises_id, revision_reason, title, period_start, period_end, vision, goals, items, fourth_industrial_plan_ref, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [source.lineageId, version + 1, id, dto.reason, dto.title ?? source.title, start, end, dto.vision ?? source.vision, JSON.stringify(dto.goals ?? source.goals),
          JSON.stringify(mergeItems(current, dto.items)), dto.fourthIndustrialPlanRef !== undefined ? dto.fourthIndustrialPlanRef : source.fourthIndustrialPlanRef, actor.id],
      );
      const after = await this.get(newId, null, tx);
      await this.audit.record(tx, actor, { action: 'revise', entityType: 'basic_plan', entityId: newId, before: { revisesId: id }, after });
      return after;
    });
  }

  private async lock(tx: EntityManager, id: number): Promise<PlanDto> {
    const [row] = await tx.query(`SELECT id FROM basic_plans WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundError('basic plan', id);
    return this.get(id, null, tx);
  }

  /** For reads of a plan's years: principals and teachers only see adopted (or superseded) plans; a draft is not found. */
  assertVisible(id: number, user: AuthUser): Promise<PlanDto> {
    return this.get(id, user);
  }
}
