import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seoulToday } from '@app/core';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { IndicatorRegistry } from '../indicators/indicator-registry';
import { CITY, IndicatorValues } from '../indicators/indicator-values.service';
import { quarterOf } from '../progress/progress';
import { reportTasks, TASKS_SNAPSHOT } from '../report/report-tasks';

/**
 * Quarterly snapshots of every computed indicator, for the city and each district office, and of
 * the figures typed into tasks. Rerunning a quarter replaces its rows (safe to run twice).
 */
@Injectable()
export class IndicatorSnapshots {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly registry: IndicatorRegistry,
    private readonly values: IndicatorValues,
  ) {}

  async take(schoolYear?: number, quarter?: number): Promise<{ schoolYear: number; quarter: number; rows: number; failed: string[] }> {
    const now = quarterOf(seoulToday());
    const year = schoolYear ?? now.schoolYear;
    const q = quarter ?? (year === now.schoolYear ? now.quarter : 4);
    const rows: { scope: string; indicatorId: string; value: number | null; details: unknown }[] = [];
    const failed: string[] = [];
    for (const office of [null, ...DISTRICT_OFFICE_CODES]) {
      for (const p of this.registry.computed()) {
        const v = await this.values.live(p, year, office);
        if (v.error) failed.push(`${p.id}@${office ?? CITY}`);
        rows.push({ scope: office ?? CITY, indicatorId: p.id, value: v.value, details: v.details ?? {} });
      }
    }
    const manual: { taskId: number; indicatorId: string; value: string; by: string | null; at: string | null }[] = await this.ds.query(
      `SELECT i.task_id AS "taskId", i.indicator_id AS "indicatorId", i.actual AS value, i.actual_entered_by::text AS by, i.actual_entered_at AS at
       FROM plan_task_indicators i JOIN plan_tasks t ON t.id = i.task_id JOIN yearly_plans y ON y.id = t.yearly_plan_id
       WHERE y.school_year = $1 AND i.actual IS NOT NULL`,
      [year],
    );
    for (const m of manual) {
      if (this.registry.get(m.indicatorId)?.manual) rows.push({ scope: `task:${m.taskId}`, indicatorId: m.indicatorId, value: Number(m.value), details: { enteredBy: m.by, enteredAt: m.at } });
    }
    // Each yearly plan's tasks and budgets, so the annual report of a past year reads them as they were.
    const yearly: { id: number }[] = await this.ds.query(`SELECT id FROM yearly_plans WHERE school_year = $1`, [year]);
    for (const y of yearly) {
      const tasks = await reportTasks(this.ds, y.id);
      rows.push({ scope: `yearly:${y.id}`, indicatorId: TASKS_SNAPSHOT, value: tasks.reduce((sum, t) => sum + t.spentKrw, 0), details: { tasks } });
    }
    await this.ds.query(
      `INSERT INTO indicator_snapshots (school_year, quarter, scope, indicator_id, value, details)
       SELECT $1, $2, x.scope, x.indicator_id, x.value, coalesce(x.details, '{}')
       FROM jsonb_to_recordset($3::jsonb) AS x(scope text, indicator_id text, value numeric, details jsonb)
       ON CONFLICT (school_year, quarter, scope, indicator_id) DO UPDATE SET value = EXCLUDED.value, details = EXCLUDED.details, taken_at = now()`,
      [year, q, JSON.stringify(rows.map((r) => ({ scope: r.scope, indicator_id: r.indicatorId, value: r.value, details: r.details })))],
    );
    // What was computed is kept; a failure fails the job so BullMQ retries it (the rerun replaces the quarter's rows).
    if (failed.length) throw new Error(`plan indicators not computed: ${failed.join(', ')}`);
    return { schoolYear: year, quarter: q, rows: rows.length, failed };
  }

  /** Whether the year has any snapshot yet. */
  async has(year: number): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM indicator_snapshots WHERE school_year = $1 LIMIT 1`, [year]);
    return Boolean(row);
  }
}
