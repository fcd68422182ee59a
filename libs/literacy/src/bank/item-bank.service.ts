import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, NotFoundError, ValidationFailedError } from '@app/core';
import type { LiteracyBankItemDto, LiteracyBankItemListDto } from './bank.dto';

export interface BankItemSpec {
  id: string;
  area: string;
  type: string;
  maxScore?: number;
  key?: string[];
  options?: string[];
}

const ITEM_SQL = `
  SELECT b.item_id AS id, b.grade, b.area_code AS area, b.type, b.max_score AS "maxScore", b.answer_key AS key, b.options,
         b.retired_at AS "retiredAt", b.retired_reason AS "retiredReason",
         coalesce((SELECT jsonb_agg(jsonb_build_object(
             'assessmentId', a.id, 'assessmentName', a.name, 'schoolYear', a.school_year, 'phase', a.phase, 'n', x.n,
             'facility', x.facility, 'discrimination', x.discrimination, 'difficulty', x.difficulty, 'difficultySe', x.difficulty_se,
             'infit', x.infit, 'outfit', x.outfit, 'infitZ', x.infit_z, 'outfitZ', x.outfit_z, 'fitFlag', x.fit_flag, 'dif', x.dif,
             'dropped', x.dropped, 'computedAt', x.computed_at,
             'anchored', EXISTS (SELECT 1 FROM literacy_links l, jsonb_array_elements(l.anchors) e
                                 WHERE l.assessment_id = a.id AND l.status = 'done' AND e->>'itemId' = b.item_id AND (e->>'used')::boolean))
             ORDER BY a.school_year, a.phase DESC, a.id)
           FROM literacy_bank_item_stats x JOIN literacy_assessments a ON a.id = x.assessment_id
           WHERE x.grade = b.grade AND x.item_id = b.item_id), '[]') AS administrations
  FROM literacy_bank_items b`;

/**
 * The item bank: items by (grade, id), independent of any one assessment, with every
 * administration's statistics (written by the analysis job, computation/measurement.ts).
 */
@Injectable()
export class ItemBankService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Problems with using these items in a new assessment of the grade: a bank item of the same id
   * must have the same type and maximum score (its calibration would not carry over otherwise), and
   * a retired item is not used again.
   */
  async problemsWith(grade: number, items: BankItemSpec[], tx?: EntityManager): Promise<{ field: string; reason: string }[]> {
    const rows: { id: string; type: string; maxScore: number; retired: boolean }[] = await (tx ?? this.ds).query(
      `SELECT item_id AS id, type, max_score AS "maxScore", retired_at IS NOT NULL AS retired FROM literacy_bank_items WHERE grade = $1 AND item_id = ANY($2)`,
      [grade, items.map((i) => i.id)],
    );
    const bank = new Map(rows.map((r) => [r.id, r]));
    return items.flatMap((item, n) => {
      const b = bank.get(item.id);
      if (!b) return [];
      if (b.retired) return [{ field: `items.${n}.id`, reason: `bank item ${item.id} of grade ${grade} is retired` }];
      if (b.type !== item.type || b.maxScore !== (item.maxScore ?? 1)) {
        return [{ field: `items.${n}.id`, reason: `bank item ${item.id} of grade ${grade} is ${b.type} with maximum score ${b.maxScore}; use another id for a different item` }];
      }
      return [];
    });
  }

  /** Adds the items the bank does not hold yet (the first definition stays the bank's). */
  async register(tx: EntityManager, assessmentId: number, grade: number): Promise<void> {
    await tx.query(
      `INSERT INTO literacy_bank_items (grade, item_id, area_code, type, max_score, answer_key, options)
       SELECT $2, item_id, area_code, type, max_score, answer_key, options FROM literacy_items WHERE assessment_id = $1 ON CONFLICT DO NOTHING`,
      [assessmentId, grade],
    );
  }

  async list(filter: { grade?: number; area?: string; q?: string; limit?: number; offset?: number }): Promise<LiteracyBankItemListDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.grade !== undefined) where.push(`b.grade = $${params.push(filter.grade)}`);
    if (filter.area) where.push(`b.area_code = $${params.push(filter.area)}`);
    if (filter.q) where.push(`b.item_id ILIKE $${params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM literacy_bank_items b ${w}`, params);
    const items = await this.ds.query(
      `${ITEM_SQL} ${w} ORDER BY b.grade, b.item_id LIMIT ${Math.min(filter.limit ?? 200, 1000)} OFFSET ${Math.max(filter.offset ?? 0, 0)}`,
      params,
    );
    return { items, total };
  }

  async get(grade: number, itemId: string): Promise<LiteracyBankItemDto> {
    const [item] = await this.ds.query(`${ITEM_SQL} WHERE b.grade = $1 AND b.item_id = $2`, [grade, itemId]);
    if (!item) throw new NotFoundError(`bank item of grade ${grade}`, itemId);
    return item;
  }

  /** Retiring keeps the item and its history; new assessments may not use it. */
  async setRetired(grade: number, itemId: string, retired: boolean, reason: string | undefined, actor: AuthUser): Promise<LiteracyBankItemDto> {
    await this.ds.transaction(async (tx) => {
      const [[row]] = await tx.query(
        `UPDATE literacy_bank_items SET retired_at = CASE WHEN $3 THEN coalesce(retired_at, now()) END, retired_reason = CASE WHEN $3 THEN $4 END
         WHERE grade = $1 AND item_id = $2 RETURNING item_id`,
        [grade, itemId, retired, reason ?? null],
      );
      if (!row) throw new NotFoundError(`bank item of grade ${grade}`, itemId);
      await this.audit.record(tx, actor, { action: retired ? 'retire_item' : 'restore_item', entityType: 'literacy_bank_item', entityId: `${grade}:${itemId}`, after: { reason } });
    });
    return this.get(grade, itemId);
  }
}

/** A grade from a query string (1–12), or a 400 naming the field. */
export function parseGrade(value: string | undefined, required: boolean): number | undefined {
  if (value === undefined || value === '') {
    if (required) throw new ValidationFailedError('grade is required', [{ field: 'grade', reason: 'required: the grade (1–12) whose bank holds the item' }]);
    return undefined;
  }
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 12) throw new ValidationFailedError('grade must be a whole number from 1 to 12', [{ field: 'grade', reason: 'a whole number from 1 to 12' }]);
  return Number(value);
}
