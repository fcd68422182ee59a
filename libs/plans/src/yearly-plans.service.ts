import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, ErrorDetail, ForbiddenError, NotFoundError, seoulToday, ValidationFailedError } from '@app/core';
import { IndicatorRegistry } from './indicators/indicator-registry';
import { CITY, IndicatorValues } from './indicators/indicator-values.service';
import { PLAN_ITEMS } from './plan-items';
import type { PlanDto, PlanTaskDto, TaskIndicatorDto, YearlyPlanDto } from './plan-responses.dto';
import type { CreateTaskDto, TaskIndicatorInputDto, UpdateTaskDto, YearlyPlanInputDto } from './plans.dto';
import { PlansService } from './plans.service';
import { progressOf, PROGRESS_STATUSES, ProgressStatus, yearElapsed } from './progress/progress';

interface TaskRow {
  id: number;
  yearlyPlanId: number;
  item: number;
  title: string;
  description: string;
  department: string | null;
  districtOffice: string | null;
  districtOfficeName: string | null;
  budgetKrw: string;
  spentKrw: string;
  schedule: string;
  updatedAt: Date;
  indicators: { indicatorId: string; unit: string; baseline: number; target: number; actual: number | null; actualEnteredBy: string | null; actualEnteredAt: string | null }[];
}

const TASK_SELECT = `
  SELECT t.id, t.yearly_plan_id AS "yearlyPlanId", t.item, t.title, t.description, t.department, t.district_office AS "districtOffice", o.name AS "districtOfficeName",
         t.budget_krw AS "budgetKrw", t.spent_krw AS "spentKrw", t.schedule, t.updated_at AS "updatedAt",
         coalesce((SELECT jsonb_agg(jsonb_build_object('indicatorId', i.indicator_id, 'unit', i.unit, 'baseline', i.baseline::float, 'target', i.target::float,
                   'actual', i.actual::float, 'actualEnteredBy', i.actual_entered_by, 'actualEnteredAt', i.actual_entered_at) ORDER BY i.id)
                   FROM plan_task_indicators i WHERE i.task_id = t.id), '[]') AS indicators
  FROM plan_tasks t LEFT JOIN district_offices o ON o.code = t.district_office`;

const WORST: ProgressStatus[] = [...PROGRESS_STATUSES].reverse();

/** 조례 제4조 ③: the yearly implementation plan (시행계획) under the adopted basic plan, its tasks and their progress. */
@Injectable()
export class YearlyPlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlansService,
    private readonly registry: IndicatorRegistry,
    private readonly values: IndicatorValues,
    private readonly audit: AuditLog,
  ) {}

  private checkYear(plan: PlanDto, year: number): void {
    if (!Number.isInteger(year) || year < plan.periodStart || year > plan.periodEnd) {
      throw new ValidationFailedError(`School year ${year} is outside the plan's period ${plan.periodStart}–${plan.periodEnd}`, [{ field: 'year', reason: `must be between ${plan.periodStart} and ${plan.periodEnd}` }]);
    }
  }

  /** Creates the year's plan (or updates its title and summary); the basic plan must be adopted. */
  async upsert(planId: number, year: number, dto: YearlyPlanInputDto, actor: AuthUser): Promise<{ created: boolean; plan: YearlyPlanDto }> {
    const plan = await this.plans.get(planId, null);
    this.checkYear(plan, year);
    if (plan.status !== 'adopted') throw new ConflictError('A yearly plan is made under the adopted basic plan', [{ field: 'status', reason: plan.status }], 'PLAN_NOT_ADOPTED');
    const created = await this.ds.transaction(async (tx) => {
      // Two requests at once: one inserts, the other finds the row and updates it (no unique violation).
      const [row] = await tx.query(
        `INSERT INTO yearly_plans (plan_id, school_year, title, summary, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (plan_id, school_year) DO NOTHING RETURNING id`,
        [planId, year, dto.title ?? `${year}학년도 인공지능 교육 시행계획`, dto.summary ?? '', actor.id],
      );
      if (row) {
        await this.audit.record(tx, actor, { action: 'create', entityType: 'yearly_plan', entityId: row.id, after: { planId, schoolYear: year, title: dto.title ?? null } });
        return true;
      }
      const [before] = await tx.query(`SELECT id, title, summary FROM yearly_plans WHERE plan_id = $1 AND school_year = $2 FOR UPDATE`, [planId, year]);
      const after = { id: before.id, title: dto.title ?? before.title, summary: dto.summary ?? before.summary };
      await tx.query(`UPDATE yearly_plans SET title = $2, summary = $3, updated_at = now() WHERE id = $1`, [before.id, after.title, after.summary]);
      await this.audit.record(tx, actor, { action: 'update', entityType: 'yearly_plan', entityId: before.id, before, after });
      return false;
    });
    return { created, plan: await this.get(planId, year, actor) };
  }

  private async yearRow(planId: number, year: number, manager: EntityManager = this.ds.manager): Promise<{ id: number; title: string; summary: string }> {
    const [row] = await manager.query(`SELECT id, title, summary FROM yearly_plans WHERE plan_id = $1 AND school_year = $2`, [planId, year]);
    if (!row) throw new NotFoundError(`yearly plan of basic plan ${planId} for school year`, year);
    return row;
  }

  /** The yearly plan exists and the caller may read it (404 otherwise; 400 for a year outside the plan). */
  async assertExists(planId: number, year: number, user: AuthUser): Promise<void> {
    const plan = await this.plans.assertVisible(planId, user);
    this.checkYear(plan, year);
    await this.yearRow(planId, year);
  }

  async get(planId: number, year: number, user: AuthUser): Promise<YearlyPlanDto> {
    const plan = await this.plans.assertVisible(planId, user);
    this.checkYear(plan, year);
    const y = await this.yearRow(planId, year);
    const rows: TaskRow[] = await this.ds.query(`${TASK_SELECT} WHERE t.yearly_plan_id = $1 ORDER BY t.item, t.id`, [y.id]);
    const read = this.values.reader();
    const expected = yearElapsed(year, seoulToday());
    const tasks = await Promise.all(rows.map((r) => this.view(r, year, expected, read)));
    const items = PLAN_ITEMS.map((i) => {
      const mine = tasks.filter((t) => t.item === i.item);
      return { item: i.item, name: i.name, budgetKrw: mine.reduce((s, t) => s + t.budgetKrw, 0), spentKrw: mine.reduce((s, t) => s + t.spentKrw, 0), tasks: mine };
    });
    const statusCounts: Record<string, number> = { on_track: 0, at_risk: 0, behind: 0, none: 0 };
    for (const t of tasks) statusCounts[t.status ?? 'none']++;
    return {
      id: y.id, planId, schoolYear: year, title: y.title, summary: y.summary, planStatus: plan.status,
      budgetKrw: tasks.reduce((s, t) => s + t.budgetKrw, 0), spentKrw: tasks.reduce((s, t) => s + t.spentKrw, 0),
      items, tasks, statusCounts,
    };
  }

  private async view(r: TaskRow, year: number, expected: number, read: ReturnType<IndicatorValues['reader']>): Promise<PlanTaskDto> {
    const indicators: TaskIndicatorDto[] = [];
    for (const i of r.indicators) {
      const p = this.registry.get(i.indicatorId);
      const manual = Boolean(p?.manual);
      const live = manual ? null : await read(i.indicatorId, year, r.districtOffice ?? CITY);
      const actual = manual ? i.actual : live?.value ?? null;
      indicators.push({
        indicatorId: i.indicatorId, name: p?.name ?? i.indicatorId, unit: i.unit as TaskIndicatorDto['unit'], manual,
        baseline: i.baseline, target: i.target, actual,
        actualSource: manual ? 'manual' : live!.source,
        actualEnteredBy: manual ? i.actualEnteredBy : null,
        actualEnteredAt: manual && i.actualEnteredAt ? new Date(i.actualEnteredAt).toISOString() : null,
        ...progressOf(i.baseline, i.target, actual, expected),
      });
    }
    const statuses = indicators.map((i) => i.status).filter((s): s is ProgressStatus => s !== null);
    return {
      id: r.id, yearlyPlanId: r.yearlyPlanId, item: r.item, itemName: PLAN_ITEMS[r.item - 1].name, title: r.title, description: r.description,
      department: r.department, districtOffice: r.districtOffice, districtOfficeName: r.districtOfficeName,
      budgetKrw: Number(r.budgetKrw), spentKrw: Number(r.spentKrw), schedule: r.schedule,
      indicators, status: WORST.find((s) => statuses.includes(s)) ?? null, updatedAt: new Date(r.updatedAt).toISOString(),
    };
  }

  /** Problems with a task's indicators, each naming its field (`indicators.0.unit`). */
  private indicatorProblems(list: TaskIndicatorInputDto[] | undefined): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    (list ?? []).forEach((i, n) => {
      const p = this.registry.get(i.indicatorId);
      if (!p) {
        problems.push({ field: `indicators.${n}.indicatorId`, reason: `no indicator '${i.indicatorId}' (see GET /api/v1/indicators)` });
        return;
      }
      if (i.unit !== p.unit) problems.push({ field: `indicators.${n}.unit`, reason: `${p.id} is measured in ${p.unit}, not ${i.unit}` });
      if (p.unit === 'ratio') {
        for (const f of ['baseline', 'target', 'actual'] as const) {
          const v = i[f];
          if (typeof v === 'number' && v > 1) problems.push({ field: `indicators.${n}.${f}`, reason: `a ratio from 0 to 1 (0.25 = 25%); got ${v}` });
        }
      }
      if (i.actual !== undefined && i.actual !== null && !p.manual) problems.push({ field: `indicators.${n}.actual`, reason: `${p.id} is computed from the platform, not entered by hand` });
    });
    return problems;
  }

  private ownerProblems(department: string | null | undefined, districtOffice: string | null | undefined): ErrorDetail[] {
    const has = (v: string | null | undefined) => typeof v === 'string' && v.trim().length > 0;
    if (has(department) && has(districtOffice)) return [{ field: 'districtOffice', reason: 'a task has one owner: a department or a district office, not both' }];
    if (!has(department) && !has(districtOffice)) return [{ field: 'department', reason: 'a task needs its responsible department or district office (districtOffice)' }];
    return [];
  }

  private assertMayEdit(user: AuthUser, office: string | null): void {
    if (user.role === 'city_admin') return;
    if (user.role === 'district_admin' && office && office === user.districtOffice) return;
    throw new ForbiddenError('District administrators edit their own office’s tasks only', 'TASK_OUT_OF_SCOPE', [{ field: 'districtOffice', reason: `yours is ${user.districtOffice ?? 'none'}` }]);
  }

  private async editableYear(planId: number, year: number): Promise<{ id: number }> {
    const plan = await this.plans.get(planId, null);
    this.checkYear(plan, year);
    if (plan.status !== 'adopted') throw new ConflictError('Tasks are kept under the adopted basic plan', [{ field: 'status', reason: plan.status }], 'PLAN_NOT_ADOPTED');
    return this.yearRow(planId, year);
  }

  async createTask(planId: number, year: number, dto: CreateTaskDto, actor: AuthUser): Promise<PlanTaskDto> {
    const problems = [...this.ownerProblems(dto.department, dto.districtOffice), ...this.indicatorProblems(dto.indicators)];
    if (problems.length) throw new ValidationFailedError('Invalid task', problems);
    this.assertMayEdit(actor, dto.districtOffice ?? null);
    const y = await this.editableYear(planId, year);
    const id = await this.ds.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO plan_tasks (yearly_plan_id, item, title, description, department, district_office, budget_krw, spent_krw, schedule, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [y.id, dto.item, dto.title, dto.description ?? '', dto.department?.trim() || null, dto.districtOffice || null, dto.budgetKrw, dto.spentKrw ?? 0, dto.schedule, actor.id],
      );
      await this.writeIndicators(tx, row.id, dto.indicators ?? [], actor, []);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'plan_task', entityId: row.id, after: { yearlyPlanId: y.id, ...dto } });
      return row.id as number;
    });
    return this.task(id, year);
  }

  async updateTask(planId: number, year: number, taskId: number, dto: UpdateTaskDto, actor: AuthUser): Promise<PlanTaskDto> {
    const y = await this.editableYear(planId, year);
    return this.ds.transaction(async (tx) => {
      const [before]: TaskRow[] = await tx.query(`${TASK_SELECT} WHERE t.id = $1 AND t.yearly_plan_id = $2 FOR UPDATE OF t`, [taskId, y.id]);
      if (!before) throw new NotFoundError('task', taskId);
      this.assertMayEdit(actor, before.districtOffice);
      const department = dto.department !== undefined ? dto.department : before.department;
      const districtOffice = dto.districtOffice !== undefined ? dto.districtOffice : before.districtOffice;
      const problems = [...this.ownerProblems(department, districtOffice), ...this.indicatorProblems(dto.indicators)];
      if (problems.length) throw new ValidationFailedError('Invalid task', problems);
      // A district administrator may not hand the task to another owner.
      this.assertMayEdit(actor, districtOffice ?? null);
      await tx.query(
        `UPDATE plan_tasks SET item = $2, title = $3, description = $4, department = $5, district_office = $6, budget_krw = $7, spent_krw = $8, schedule = $9,
                updated_by = $10, updated_at = now() WHERE id = $1`,
        [taskId, dto.item ?? before.item, dto.title ?? before.title, dto.description ?? before.description, department?.trim() || null, districtOffice || null,
          dto.budgetKrw ?? Number(before.budgetKrw), dto.spentKrw ?? Number(before.spentKrw), dto.schedule ?? before.schedule, actor.id],
      );
      if (dto.indicators) await this.writeIndicators(tx, taskId, dto.indicators, actor, before.indicators);
      const [after]: TaskRow[] = await tx.query(`${TASK_SELECT} WHERE t.id = $1`, [taskId]);
      const plain = (r: TaskRow) => ({ ...r, updatedAt: undefined, districtOfficeName: undefined });
      await this.audit.record(tx, actor, { action: 'update', entityType: 'plan_task', entityId: taskId, before: plain(before), after: plain(after) });
      return taskId;
    }).then((id) => this.task(id, year));
  }

  /** Replaces a task's indicators; a hand-entered figure keeps who entered it unless it changed. */
  private async writeIndicators(tx: EntityManager, taskId: number, list: TaskIndicatorInputDto[], actor: AuthUser, before: TaskRow['indicators']): Promise<void> {
    await tx.query(`DELETE FROM plan_task_indicators WHERE task_id = $1`, [taskId]);
    for (const i of list) {
      const old = before.find((b) => b.indicatorId === i.indicatorId);
      const actual = i.actual === undefined ? old?.actual ?? null : i.actual;
      const same = old && old.actual === actual;
      await tx.query(
        `INSERT INTO plan_task_indicators (task_id, indicator_id, unit, baseline, target, actual, actual_entered_by, actual_entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [taskId, i.indicatorId, i.unit, i.baseline, i.target, actual,
          actual === null ? null : same ? old.actualEnteredBy : actor.id,
          actual === null ? null : same ? old.actualEnteredAt : new Date().toISOString()],
      );
    }
  }

  /** The printable page of the latest annual report built for the year, if any. */
  async latestReportPage(planId: number, year: number): Promise<string | null> {
    const [row] = await this.ds.query(
      `SELECT r.html_file_id AS id FROM plan_reports r JOIN yearly_plans y ON y.id = r.yearly_plan_id
       WHERE y.plan_id = $1 AND y.school_year = $2 AND r.html_file_id IS NOT NULL ORDER BY r.built_at DESC, r.id DESC LIMIT 1`,
      [planId, year],
    );
    return row?.id ?? null;
  }

  private async task(id: number, year: number): Promise<PlanTaskDto> {
    const [row]: TaskRow[] = await this.ds.query(`${TASK_SELECT} WHERE t.id = $1`, [id]);
    return this.view(row, year, yearElapsed(year, seoulToday()), this.values.reader());
  }
}
