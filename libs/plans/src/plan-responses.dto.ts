import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INDICATOR_UNITS, IndicatorUnit } from './indicators/indicator-registry';
import { PLAN_STATUSES, PlanStatus } from './plan-items';
import { PROGRESS_STATUSES, ProgressStatus } from './progress/progress';

export class PlanItemDto {
  @ApiProperty({ minimum: 1, maximum: 8 })
  item: number;
  /** The item's name in 제4조 ②. */
  @ApiProperty()
  name: string;
  @ApiProperty()
  content: string;
}

export class PlanDto {
  @ApiProperty({ type: 'number' })
  id: number;
  /** The first version's id, shared by every revision of the plan. */
  @ApiProperty({ type: 'number' })
  lineageId: number;
  @ApiProperty({ type: 'number' })
  version: number;
  @ApiProperty({ type: 'integer', nullable: true })
  revisesId: number | null;
  @ApiProperty({ type: 'string', nullable: true })
  revisionReason: string | null;
  @ApiProperty()
  title: string;
  @ApiProperty({ type: 'number' })
  periodStart: number;
  @ApiProperty({ type: 'number' })
  periodEnd: number;
  @ApiProperty()
  vision: string;
  @ApiProperty({ type: [String] })
  goals: string[];
  @ApiProperty({ type: [PlanItemDto] })
  items: PlanItemDto[];
  @ApiProperty({ type: 'string', nullable: true })
  fourthIndustrialPlanRef: string | null;
  @ApiProperty({ enum: PLAN_STATUSES })
  status: PlanStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  adoptedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  adoptedBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt: string;
  /** School years that have a yearly plan. */
  @ApiProperty({ type: 'array', items: { type: 'integer' } })
  years: number[];
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] })
  items: PlanDto[];
}

export class TaskIndicatorDto {
  @ApiProperty()
  indicatorId: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: INDICATOR_UNITS })
  unit: IndicatorUnit;
  @ApiProperty()
  manual: boolean;
  @ApiProperty({ type: 'number' })
  baseline: number;
  @ApiProperty({ type: 'number' })
  target: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'live for the current year, from the last snapshot for past years; typed in for manual indicators' })
  actual: number | null;
  @ApiProperty({ enum: ['live', 'snapshot', 'manual'], description: 'where actual comes from' })
  actualSource: 'live' | 'snapshot' | 'manual';
  @ApiProperty({ type: 'string', nullable: true })
  actualEnteredBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  actualEnteredAt: string | null;
  /** Share of the school year passed. */
  @ApiProperty({ type: 'number' })
  expected: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'share of the way from baseline to target covered' })
  achieved: number | null;
  @ApiProperty({ enum: PROGRESS_STATUSES, nullable: true })
  status: ProgressStatus | null;
}

export class PlanTaskDto {
  @ApiProperty({ type: 'number' })
  id: number;
  @ApiProperty({ type: 'number' })
  yearlyPlanId: number;
  @ApiProperty({ type: 'number' })
  item: number;
  @ApiProperty()
  itemName: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  description: string;
  @ApiProperty({ type: 'string', nullable: true })
  department: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  districtOffice: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  districtOfficeName: string | null;
  @ApiProperty({ type: 'number' })
  budgetKrw: number;
  @ApiProperty({ type: 'number' })
  spentKrw: number;
  @ApiProperty()
  schedule: string;
  @ApiProperty({ type: [TaskIndicatorDto] })
  indicators: TaskIndicatorDto[];
  @ApiProperty({ enum: PROGRESS_STATUSES, nullable: true, description: 'the worst status of its indicators' })
  status: ProgressStatus | null;
  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt: string;
}

export class YearlyPlanItemDto {
  @ApiProperty({ type: 'number' })
  item: number;
  @ApiProperty()
  name: string;
  @ApiProperty({ type: 'number' })
  budgetKrw: number;
  @ApiProperty({ type: 'number' })
  spentKrw: number;
  @ApiProperty({ type: [PlanTaskDto] })
  tasks: PlanTaskDto[];
}

export class YearlyPlanDto {
  @ApiProperty({ type: 'number' })
  id: number;
  @ApiProperty({ type: 'number' })
  planId: number;
  @ApiProperty({ type: 'number' })
  schoolYear: number;
  @ApiProperty()
  title: string;
  @ApiProperty()
  summary: string;
  @ApiProperty({ enum: PLAN_STATUSES })
  planStatus: PlanStatus;
  @ApiProperty({ type: 'number' })
  budgetKrw: number;
  @ApiProperty({ type: 'number' })
  spentKrw: number;
  @ApiProperty({ type: [YearlyPlanItemDto], description: 'the eight items with their tasks' })
  items: YearlyPlanItemDto[];
  @ApiProperty({ type: [PlanTaskDto] })
  tasks: PlanTaskDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'tasks per status' })
  statusCounts: Record<string, number>;
}

export class IndicatorDto {
  @ApiProperty()
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  definition: string;
  @ApiProperty({ enum: INDICATOR_UNITS })
  unit: IndicatorUnit;
  @ApiProperty()
  source: string;
  @ApiProperty({ type: 'number' })
  item: number;
  @ApiProperty()
  manual: boolean;
  @ApiProperty()
  byYear: boolean;
  @ApiProperty({ type: 'number', nullable: true, description: 'the live value (null for manual indicators: see their tasks)' })
  value: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  details: Record<string, unknown> | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'why the value could not be computed' })
  error: string | null;
}

export class IndicatorCatalogueDto {
  @ApiProperty({ type: 'number' })
  year: number;
  @ApiProperty({ type: 'string', nullable: true })
  districtOffice: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "a principal's own school: its figures (indicators without a per-school figure are null)" })
  schoolId: number | null;
  @ApiProperty({ type: 'string', format: 'date-time' })
  computedAt: string;
  @ApiProperty({ type: [IndicatorDto] })
  items: IndicatorDto[];
}

export class IndicatorQuarterDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, description: 'Q1 Mar–May, Q2 Jun–Aug, Q3 Sep–Nov, Q4 Dec–Feb' })
  quarter: number;
  @ApiProperty({ type: 'number', nullable: true })
  value: number | null;
  @ApiProperty({ type: 'string', format: 'date-time' })
  takenAt: string;
}

export class IndicatorTrendDto {
  @ApiProperty()
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: INDICATOR_UNITS })
  unit: IndicatorUnit;
  @ApiProperty({ type: [IndicatorQuarterDto] })
  quarters: IndicatorQuarterDto[];
}

export class IndicatorTrendListDto {
  @ApiProperty({ type: 'integer' })
  year: number;
  @ApiProperty({ type: 'string', nullable: true })
  districtOffice: string | null;
  @ApiProperty({ type: [IndicatorTrendDto] })
  items: IndicatorTrendDto[];
}
