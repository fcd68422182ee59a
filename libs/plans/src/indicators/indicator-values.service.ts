import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { schoolYearOf } from '@app/core';
import type { IndicatorCatalogueDto, IndicatorDto, IndicatorTrendListDto } from '../plan-responses.dto';
import { IndicatorProvider, IndicatorRegistry, IndicatorValue } from './indicator-registry';

/** 'city' or a district office code; snapshots also use 'task:<id>' for hand-entered figures. */
export type Scope = string;
export const CITY: Scope = 'city';

export interface ScopedValue extends IndicatorValue {
  source: 'live' | 'snapshot';
  error?: string | null;
}

/**
 * Indicator values: live from the registry's providers for the current (or a coming) school
 * year, from the last quarterly snapshot for a past one, so a past year's figures never change.
 * One instance per request memoises (indicator, year, scope), since tasks share indicators.
 */
@Injectable()
export class IndicatorValues {
  private readonly logger = new Logger('PlanIndicators');

  constructor(
    private readonly registry: IndicatorRegistry,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async live(p: IndicatorProvider, year: number, office: string | null): Promise<{ value: number | null; details: Record<string, unknown> | null; error: string | null }> {
    if (p.manual || !p.compute) return { value: null, details: null, error: null };
    try {
      const v = await p.compute(year, office);
      return { value: v.value === null || v.value === undefined ? null : Number(v.value), details: v.details ?? null, error: null };
    } catch (e) {
      this.logger.warn({ msg: 'indicator not computed', indicator: p.id, year, office, error: (e as Error).message });
      return { value: null, details: null, error: (e as Error).message.slice(0, 300) };
    }
  }

  async catalogue(year: number, office: string | null): Promise<IndicatorCatalogueDto> {
    const items: IndicatorDto[] = [];
    for (const p of this.registry.all()) {
      const v = await this.live(p, year, office);
      items.push({ id: p.id, name: p.name, definition: p.definition, unit: p.unit, source: p.source, item: p.item, manual: Boolean(p.manual), byYear: p.byYear, ...v });
    }
    return { year, districtOffice: office, schoolId: null, computedAt: new Date().toISOString(), items };
  }

  /** One school's figures, for its principal: the indicators that have a per-school figure (others null). */
  async catalogueForSchool(year: number, schoolId: number): Promise<IndicatorCatalogueDto> {
    const items: IndicatorDto[] = [];
    for (const p of this.registry.all()) {
      let v: { value: number | null; details: Record<string, unknown> | null; error: string | null } = { value: null, details: null, error: null };
      if (p.forSchool) {
        try {
          const r = await p.forSchool(year, schoolId);
          v = { value: r.value === null || r.value === undefined ? null : Number(r.value), details: r.details ?? null, error: null };
        } catch (e) {
          this.logger.warn({ msg: 'school indicator not computed', indicator: p.id, year, schoolId, error: (e as Error).message });
          v = { value: null, details: null, error: (e as Error).message.slice(0, 300) };
        }
      }
      items.push({ id: p.id, name: p.name, definition: p.definition, unit: p.unit, source: p.source, item: p.item, manual: Boolean(p.manual), byYear: p.byYear, ...v });
    }
    return { year, districtOffice: null, schoolId, computedAt: new Date().toISOString(), items };
  }

  /** The year's quarterly snapshots of each computed indicator, for the city or one office (the trend). */
  async trend(year: number, office: string | null): Promise<IndicatorTrendListDto> {
    const rows: { indicatorId: string; quarter: number; value: number | null; takenAt: Date }[] = await this.ds.query(
      `SELECT indicator_id AS "indicatorId", quarter, value::float AS value, taken_at AS "takenAt" FROM indicator_snapshots
       WHERE school_year = $1 AND scope = $2 ORDER BY quarter`,
      [year, office ?? CITY],
    );
    return {
      year, districtOffice: office,
      items: this.registry.computed().map((p) => ({
        id: p.id, name: p.name, unit: p.unit,
        quarters: rows.filter((r) => r.indicatorId === p.id).map((r) => ({ quarter: r.quarter, value: r.value, takenAt: new Date(r.takenAt).toISOString() })),
      })),
    };
  }

  /** A memoising reader for one request or one report. */
  reader(): (indicatorId: string, year: number, scope: Scope) => Promise<ScopedValue> {
    const memo = new Map<string, Promise<ScopedValue>>();
    return (indicatorId, year, scope) => {
      const key = `${indicatorId}|${year}|${scope}`;
      let v = memo.get(key);
      if (!v) {
        v = this.value(indicatorId, year, scope);
        memo.set(key, v);
      }
      return v;
    };
  }

  private async value(indicatorId: string, year: number, scope: Scope): Promise<ScopedValue> {
    if (year < schoolYearOf()) {
      const [row] = await this.ds.query(
        `SELECT value::float AS value, details FROM indicator_snapshots WHERE school_year = $1 AND scope = $2 AND indicator_id = $3 ORDER BY quarter DESC LIMIT 1`,
        [year, scope, indicatorId],
      );
      return { value: row?.value ?? null, details: row?.details, source: 'snapshot' };
    }
    const p = this.registry.get(indicatorId);
    if (!p) return { value: null, source: 'live', error: 'unknown indicator' };
    const v = await this.live(p, year, scope === CITY ? null : scope);
    return { value: v.value, details: v.details ?? undefined, source: 'live', error: v.error };
  }
}
