import { Injectable } from '@nestjs/common';

/** How an indicator is measured; a task's target must be given in the same unit. */
export const INDICATOR_UNITS = ['ratio', 'count', 'krw', 'hours', 'score'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export interface IndicatorValue {
  /** null: nothing to measure yet (e.g. no analysed assessment in the year). */
  value: number | null;
  /** The breakdown behind the value (per office, level, campaign…), as the source reports it. */
  details?: Record<string, unknown>;
}

/**
 * One indicator of the plan (제4조): computed live from a feature's own service, or entered by
 * hand on a task (`manual`). `compute(year, office)`: office null is the city.
 */
export interface IndicatorProvider {
  id: string;
  /** Korean name. */
  name: string;
  /** Korean definition: what is counted and how. */
  definition: string;
  unit: IndicatorUnit;
  /** The module and the query (endpoint or service method) the value comes from. */
  source: string;
  /** Which of the plan's eight items it mostly belongs to. */
  item: number;
  manual?: boolean;
  /** Whether the value changes with the school year asked for; otherwise it is the platform's figure now. */
  byYear: boolean;
  compute?: (year: number, office: string | null) => Promise<IndicatorValue>;
  /** One school's figure, for its principal (absent: the indicator has no per-school figure). */
  forSchool?: (year: number, schoolId: number) => Promise<IndicatorValue>;
}

/** The one registry of indicators: features' providers go in, the plan module reads, snapshots and reports them. */
@Injectable()
export class IndicatorRegistry {
  private readonly providers = new Map<string, IndicatorProvider>();

  register(p: IndicatorProvider): void {
    if (this.providers.has(p.id)) throw new Error(`indicator ${p.id} registered twice`);
    if (!p.manual && !p.compute) throw new Error(`indicator ${p.id} is neither manual nor computed`);
    this.providers.set(p.id, p);
  }

  get(id: string): IndicatorProvider | undefined {
    return this.providers.get(id);
  }

  all(): IndicatorProvider[] {
    return [...this.providers.values()];
  }

  computed(): IndicatorProvider[] {
    return this.all().filter((p) => !p.manual);
  }
}
