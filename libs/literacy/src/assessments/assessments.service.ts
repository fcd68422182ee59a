import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, JobName, JobQueue, NotFoundError, rethrowConstraint, ValidationFailedError } from '@app/core';
import { CutScore, ItemSpec, validateCutScores, validateItems } from '../analysis';
import { ItemBankService } from '../bank/item-bank.service';
import type { CreateAssessmentDto, CutScoreDto } from './assessment.dto';
import type { LiteracyAssessmentChangeDto, LiteracyAssessmentListDto } from './assessment-responses.dto';

export interface AssessmentItem extends ItemSpec {
  /** As stored: the accepted options of a choice item. */
  key?: string[];
  dropped: boolean;
  position: number;
  options: string[] | null;
  droppedReason: string | null;
}

export interface Assessment {
  id: number;
  name: string;
  schoolYear: number;
  phase: 'pilot' | 'main';
  grade: number;
  forms: string[];
  cutScores: CutScore[];
  minDiscrimination: number;
  minFacility: number;
  maxFacility: number;
  results: number;
  analysedAt: string | null;
  items: AssessmentItem[];
}

@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    private readonly bank: ItemBankService,
  ) {}

  async areas(): Promise<{ code: string; name: string }[]> {
    return this.ds.query(`SELECT code, name FROM literacy_areas ORDER BY sort_order, code`);
  }

  async create(dto: CreateAssessmentDto, actor: AuthUser): Promise<Assessment> {
    const items: ItemSpec[] = dto.items.map((i) => ({ id: i.id, area: i.area, type: i.type, maxScore: i.maxScore ?? 1, key: i.key }));
    const known = new Set((await this.areas()).map((a) => a.code));
    const problems = [
      ...dto.items.flatMap((item, n) => [
        ...(known.has(item.area) ? [] : [{ field: `items.${n}.area`, reason: `unknown area ${item.area}; one of ${[...known].join(', ')}` }]),
        ...(item.key && item.options ? item.key.filter((k) => !item.options!.includes(k)).map((k) => ({ field: `items.${n}.key`, reason: `${k} is not one of the options` })) : []),
      ]),
      ...validateItems(items).map((p) => ({ field: `items.${dto.items.map((i) => i.id).lastIndexOf(p.itemId)}`, reason: p.reason })),
      ...validateCutScores(dto.cutScores).map((reason) => ({ field: 'cutScores', reason })),
    ];
    if ((dto.minFacility ?? 0.2) >= (dto.maxFacility ?? 0.9)) problems.push({ field: 'maxFacility', reason: 'must be above minFacility' });
    // An item id is its bank id within the grade: the same id is the same item (issue 18).
    problems.push(...(await this.bank.problemsWith(dto.grade, dto.items)));
    if (problems.length) throw new ValidationFailedError('The assessment is not valid', problems);
    const id = await this.ds
      .transaction(async (tx) => {
        const [{ id }] = await tx.query(
          `INSERT INTO literacy_assessments (name, school_year, phase, grade, forms, cut_scores, min_discrimination, min_facility, max_facility, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [dto.name.trim(), dto.schoolYear, dto.phase, dto.grade, dto.forms ?? ['A'], JSON.stringify(dto.cutScores), dto.minDiscrimination ?? 0.2, dto.minFacility ?? 0.2, dto.maxFacility ?? 0.9, actor.id],
        );
        await tx.query(
          `INSERT INTO literacy_items (assessment_id, item_id, position, area_code, type, max_score, answer_key, options)
           SELECT $1, t.item_id, t.position, t.area, t.type, t.max_score, t.answer_key, t.options
           FROM jsonb_to_recordset($2::jsonb) AS t(item_id text, position int, area text, type text, max_score int, answer_key text[], options text[])`,
          [id, JSON.stringify(dto.items.map((i, n) => ({ item_id: i.id, position: n, area: i.area, type: i.type, max_score: i.maxScore ?? 1, answer_key: i.key ?? null, options: i.options ?? null })))],
        );
        await this.bank.register(tx, id, dto.grade);
        await this.audit.record(tx, actor, { action: 'create', entityType: 'literacy_assessment', entityId: id, after: { name: dto.name, items: dto.items.length } });
        return id as number;
      })
      .catch((e) => rethrowConstraint(e, { literacy_assessments_unique: { field: 'name', message: 'An assessment with this name already exists for this year, phase and grade' } }));
    return this.get(id);
  }

  async list(): Promise<LiteracyAssessmentListDto> {
    const items = await this.ds.query(
      `SELECT a.id, a.name, a.school_year AS "schoolYear", a.phase, a.grade,
              (SELECT count(*)::int FROM literacy_items i WHERE i.assessment_id = a.id) AS items,
              (SELECT count(*)::int FROM literacy_results r WHERE r.assessment_id = a.id) AS results,
              (SELECT computed_at FROM literacy_analyses x WHERE x.assessment_id = a.id) AS "analysedAt"
       FROM literacy_assessments a ORDER BY a.school_year DESC, a.phase, a.grade, a.id`,
    );
    return { items };
  }

  async get(id: number): Promise<Assessment> {
    const [a] = await this.ds.query(
      `SELECT a.id, a.name, a.school_year AS "schoolYear", a.phase, a.grade, a.forms, a.cut_scores AS "cutScores",
              a.min_discrimination::float AS "minDiscrimination", a.min_facility::float AS "minFacility", a.max_facility::float AS "maxFacility",
              (SELECT count(*)::int FROM literacy_results r WHERE r.assessment_id = a.id) AS results,
              (SELECT computed_at FROM literacy_analyses x WHERE x.assessment_id = a.id) AS "analysedAt"
       FROM literacy_assessments a WHERE a.id = $1`,
      [id],
    );
    if (!a) throw new NotFoundError('literacy assessment', id);
    const items = await this.ds.query(
      `SELECT item_id AS id, position, area_code AS area, type, max_score AS "maxScore", answer_key AS key, options, dropped, dropped_reason AS "droppedReason"
       FROM literacy_items WHERE assessment_id = $1 ORDER BY position`,
      [id],
    );
    return { ...a, items: items.map((i: AssessmentItem & { key: string[] | null }) => ({ ...i, key: i.key ?? undefined })) };
  }

  /**
   * Once the retention schedule has destroyed an assessment's per-student results (libs/privacy),
   * its analysis and reports stay as they were published: scoring again would replace them with
   * figures of the few rows a legal hold kept, and new results would join a year that is closed.
   */
  async assertResultsKept(id: number, tx?: EntityManager): Promise<void> {
    const [row] = await (tx ?? this.ds).query(`SELECT results_destroyed_at FROM literacy_assessments WHERE id = $1`, [id]);
    if (row?.results_destroyed_at) {
      throw new ConflictError(`The results of literacy assessment ${id} were destroyed under the retention schedule; its published analysis stays as it was`, [], 'RESULTS_DESTROYED');
    }
  }

  /** Dropping an item (or taking it back) re-scores everything: the analysis job runs again. */
  async setDropped(id: number, itemId: string, dropped: boolean, reason: string | undefined, actor: AuthUser): Promise<LiteracyAssessmentChangeDto> {
    await this.get(id);
    const analysis = await this.ds.transaction(async (tx) => {
      const [[row]] = await tx.query(
        `UPDATE literacy_items SET dropped = $3, dropped_reason = $4 WHERE assessment_id = $1 AND item_id = $2 RETURNING item_id`,
        [id, itemId, dropped, dropped ? reason ?? null : null],
      );
      if (!row) throw new NotFoundError(`item ${itemId} of literacy assessment`, id);
      await this.audit.record(tx, actor, { action: dropped ? 'drop_item' : 'restore_item', entityType: 'literacy_assessment', entityId: id, after: { itemId, reason } });
      return this.analyseSoon(id, actor, tx);
    });
    return { assessment: await this.get(id), analysis };
  }

  async setCutScores(id: number, cutScores: CutScoreDto[], actor: AuthUser): Promise<LiteracyAssessmentChangeDto> {
    const problems = validateCutScores(cutScores);
    if (problems.length) throw new ValidationFailedError('The cut scores are not valid', problems.map((reason) => ({ field: 'cutScores', reason })));
    await this.get(id);
    const analysis = await this.ds.transaction(async (tx) => {
      await tx.query(`UPDATE literacy_assessments SET cut_scores = $2 WHERE id = $1`, [id, JSON.stringify(cutScores)]);
      await this.audit.record(tx, actor, { action: 'set_cut_scores', entityType: 'literacy_assessment', entityId: id, after: { cutScores } });
      return this.analyseSoon(id, actor, tx);
    });
    return { assessment: await this.get(id), analysis };
  }

  /** One analysis per assessment at a time: a request joins a waiting run, or follows a running one. */
  async analyseSoon(id: number, actor: AuthUser, tx?: EntityManager) {
    await this.assertResultsKept(id, tx);
    return this.jobs.enqueue(JobName.LiteracyAnalysis, { requestedBy: actor.id, assessmentId: id }, { dedupeKey: String(id), rerunIfActive: true }, tx);
  }
}
