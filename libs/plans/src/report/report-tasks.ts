import type { DataSource } from 'typeorm';

export interface ReportTask {
  id: number;
  item: number;
  title: string;
  owner: string;
  districtOffice: string | null;
  budgetKrw: number;
  spentKrw: number;
  schedule: string;
  indicators: { indicatorId: string; unit: string; baseline: number; target: number }[];
}

/** The indicator id under which a snapshot keeps a yearly plan's tasks (scope `yearly:<id>`). */
export const TASKS_SNAPSHOT = 'plan.tasks';

/** A yearly plan's tasks with owners, budgets and indicator targets, as the report shows them. */
export function reportTasks(db: Pick<DataSource, 'query'>, yearlyPlanId: number): Promise<ReportTask[]> {
  return db.query(
    `SELECT t.id, t.item, t.title, coalesce(o.name, t.department) AS owner, t.district_office AS "districtOffice", t.budget_krw::float AS "budgetKrw",
            t.spent_krw::float AS "spentKrw", t.schedule,
            coalesce((SELECT jsonb_agg(jsonb_build_object('indicatorId', i.indicator_id, 'unit', i.unit, 'baseline', i.baseline::float, 'target', i.target::float) ORDER BY i.id)
                      FROM plan_task_indicators i WHERE i.task_id = t.id), '[]') AS indicators
     FROM plan_tasks t LEFT JOIN district_offices o ON o.code = t.district_office WHERE t.yearly_plan_id = $1 ORDER BY t.item, t.id`,
    [yearlyPlanId],
  );
}

