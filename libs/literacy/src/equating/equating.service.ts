import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditLog, AuthUser, ConflictError, DEFAULT_SUPPRESSION_THRESHOLD, ForbiddenError, JobName, JobQueue, NotFoundError, SchoolAccess, ValidationFailedError,
} from '@app/core';
import { anchorPairs, anchoredCalibration, fitRasch, meanMeanLink, packSteps, rawScoreTable, type ItemSpec } from '../analysis';
import { Assessment, AssessmentsService } from '../assessments/assessments.service';
import { LiteracyAnalysisService } from '../computation/literacy-analysis.service';
import { rootOf, type ScaleDefinition } from '../computation/measurement';
import { readScoredResults } from '../computation/results-reader';
import type { LinkAssessmentDto, LiteracyLinkDto, LiteracyTrendDto, LiteracyTrendPointDto } from './equating.dto';

/** Fewest shared scored items a link may rest on (meanMeanLink never drops below this either). */
export const MIN_ANCHORS = 3;
/** The reporting scale set once for the base: θ × 100 + 500. */
export const SCALE_SLOPE = 100;
export const SCALE_INTERCEPT = 500;

const r = (v: number | null | undefined, digits = 4) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const specs = (a: Assessment): ItemSpec[] => a.items.map((i) => ({ id: i.id, area: i.area, type: i.type, maxScore: i.maxScore, key: i.key, dropped: i.dropped }));

/**
 * Anchor-item equating (issue 18): an assessment sharing bank items with an already calibrated one
 * (its base) is put on the base's scale by fixed-parameter calibration, with mean–mean linking as
 * the check and to find drifting anchors; the grade's reporting scale and the trend on it.
 */
@Injectable()
export class EquatingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly analysis: LiteracyAnalysisService,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    private readonly schools: SchoolAccess,
  ) {}

  /** Checks the request (a 400 naming the field, nothing written), stores it and enqueues the link job. */
  async requestLink(id: number, dto: LinkAssessmentDto, actor: AuthUser) {
    await this.checkLink(id, dto);
    return this.ds.transaction(async (tx) => {
      await this.storeRequest(tx, id, dto, actor);
      return this.jobs.enqueue(JobName.LiteracyLink, { requestedBy: actor.id, assessmentId: id }, { dedupeKey: String(id), rerunIfActive: true }, tx);
    });
  }

  /** The same, computed now in this process (the demo seed and the CLI, which run no worker). */
  async linkNow(id: number, dto: LinkAssessmentDto, actor: AuthUser) {
    await this.checkLink(id, dto);
    await this.ds.transaction((tx) => this.storeRequest(tx, id, dto, actor));
    return this.run(id);
  }

  private async checkLink(id: number, dto: LinkAssessmentDto): Promise<void> {
    const a = await this.assessments.get(id);
    const problems: { field: string; reason: string }[] = [];
    const field = 'baseAssessmentId';
    let base: Assessment | null = null;
    if (dto.baseAssessmentId === id) problems.push({ field, reason: 'an assessment cannot be linked to itself' });
    else {
      base = await this.assessments.get(dto.baseAssessmentId).catch((e) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
      if (!base) problems.push({ field, reason: `no assessment ${dto.baseAssessmentId}` });
    }
    if (base) {
      const scored = (x: Assessment) => new Set(x.items.filter((i) => !i.dropped).map((i) => i.id));
      const mine = scored(a);
      const shared = [...scored(base)].filter((i) => mine.has(i));
      if (base.grade !== a.grade) problems.push({ field, reason: `assessment ${base.id} is of grade ${base.grade}, not this assessment's grade ${a.grade}` });
      else if (shared.length < MIN_ANCHORS) problems.push({ field, reason: `assessment ${base.id} shares ${shared.length} scored items with this one; a link needs at least ${MIN_ANCHORS} anchors` });
      else if (!base.analysedAt) problems.push({ field, reason: `assessment ${base.id} has not been analysed (calibrated) yet` });
      else if ((await rootOf(this.ds, base.id)).root === id) problems.push({ field, reason: `assessment ${base.id} is itself on this assessment's scale (a cycle)` });
      else if ((await this.ds.query(`SELECT 1 FROM literacy_scales WHERE base_assessment_id = $1`, [id])).length) {
        problems.push({ field: 'id', reason: `assessment ${id} is the base of grade ${a.grade}'s reporting scale; link the others to it` });
      }
      (dto.dropAnchors ?? []).forEach((itemId, n) => {
        if (!shared.includes(itemId)) problems.push({ field: `dropAnchors.${n}`, reason: `${itemId} is not an item both assessments score` });
      });
    }
    if (!a.results) problems.push({ field: 'id', reason: `assessment ${id} has no results to calibrate` });
    if (problems.length) throw new ValidationFailedError('The link is not possible', problems, 'LINK_REJECTED');
    await this.assessments.assertResultsKept(id);
  }

  private async storeRequest(tx: EntityManager, id: number, dto: LinkAssessmentDto, actor: AuthUser): Promise<void> {
    await tx.query(
      `INSERT INTO literacy_links (assessment_id, base_assessment_id, drop_drifting, drop_anchors, status, requested_by)
       VALUES ($1, $2, $3, $4, 'pending', $5)
       ON CONFLICT (assessment_id) DO UPDATE SET base_assessment_id = EXCLUDED.base_assessment_id, drop_drifting = EXCLUDED.drop_drifting, drop_anchors = EXCLUDED.drop_anchors,
         status = 'pending', method = NULL, constant = NULL, se = NULL, mean_mean = NULL, anchors = NULL, dropped = NULL,
         requested_by = EXCLUDED.requested_by, requested_at = now(), computed_at = NULL`,
      [id, dto.baseAssessmentId, dto.dropDrifting ?? false, dto.dropAnchors ?? [], actor.id],
    );
    await this.audit.record(tx, actor, { action: 'link', entityType: 'literacy_assessment', entityId: id, after: { ...dto } });
  }

  async getLink(id: number): Promise<LiteracyLinkDto> {
    await this.assessments.get(id);
    const [row] = await this.ds.query(
      `SELECT assessment_id AS "assessmentId", base_assessment_id AS "baseAssessmentId", status, method, constant, se, mean_mean AS "meanMean", anchors, dropped,
              drop_drifting AS "dropDrifting", drop_anchors AS "dropAnchors", requested_at AS "requestedAt", computed_at AS "computedAt"
       FROM literacy_links WHERE assessment_id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('link of literacy assessment', id, 'NOT_LINKED');
    return { ...row, samplingSe: row.meanMean?.samplingSe ?? null, meanMean: row.meanMean && { constant: row.meanMean.constant, se: row.meanMean.se, n: row.meanMean.n }, anchors: row.anchors ?? [], dropped: row.dropped ?? [] };
  }

  /** The link job: free calibration, mean–mean check and drift, fixed-parameter calibration, the scale, then the analysis on it. */
  async run(id: number, progress?: (p: number) => Promise<void>) {
    const [req] = await this.ds.query(`SELECT base_assessment_id AS base, drop_drifting AS "dropDrifting", drop_anchors AS "dropAnchors" FROM literacy_links WHERE assessment_id = $1`, [id]);
    if (!req) return { linked: false, reason: 'no link requested' };
    await this.assessments.assertResultsKept(id);
    const a = await this.assessments.get(id);
    const items = specs(a);
    const bank: { itemId: string; steps: number[] }[] = await this.ds.query(
      `SELECT item_id AS "itemId", scale_steps AS steps FROM literacy_bank_item_stats WHERE assessment_id = $1 AND scale_steps IS NOT NULL AND NOT dropped`,
      [req.base],
    );
    const byId = new Map(items.map((i) => [i.id, i]));
    const manual = new Set<string>(req.dropAnchors);
    const bankSteps: Record<string, number[]> = {};
    for (const b of bank) {
      const it = byId.get(b.itemId);
      if (it && !it.dropped && it.maxScore === b.steps.length && !manual.has(b.itemId)) bankSteps[b.itemId] = b.steps.map(Number);
    }
    const { matrix } = await readScoredResults(this.ds, id, a.schoolYear, items);
    await progress?.(10);
    const free = fitRasch(matrix, items);
    const location = Object.fromEntries(Object.entries(bankSteps).map(([k, s]) => [k, s.reduce((x, y) => x + y, 0) / s.length]));
    const pairs = anchorPairs(location, free);
    if (pairs.length < MIN_ANCHORS) throw new Error(`literacy assessment ${id}: ${pairs.length} calibrated anchors with assessment ${req.base}; a link needs ${MIN_ANCHORS}`);
    const mm = meanMeanLink(pairs, { dropDrifting: req.dropDrifting, minAnchors: MIN_ANCHORS });
    await progress?.(40);
    const used = mm.anchors.filter((x) => x.used).map((x) => x.id);
    const fpc = anchoredCalibration(matrix, items, bankSteps, { anchors: used });
    const se = Math.sqrt((fpc.meanSE ?? 0) ** 2 + (mm.se ?? 0) ** 2);
    const anchors = mm.anchors.map((x) => ({
      itemId: x.id, bank: r(x.bank), current: r(x.current), difference: r(x.displacement), displacement: r(x.residual), robustZ: r(x.robustZ, 3),
      drifting: x.flagged, rules: x.rules, used: x.used,
    }));
    const dropped = [...mm.anchors.filter((x) => !x.used).map((x) => x.id), ...[...manual]];
    await progress?.(70);
    let scaleCreatedFor: number | null = null;
    await this.ds.transaction(async (tx) => {
      await tx.query(
        `UPDATE literacy_links SET status = 'done', method = 'fixed-parameter', constant = $2, se = $3, mean_mean = $4, anchors = $5, dropped = $6, computed_at = now()
         WHERE assessment_id = $1 AND base_assessment_id = $7`,
        [id, r(fpc.mean), r(se), JSON.stringify({ constant: r(mm.constant), se: r(mm.se), n: mm.n, samplingSe: r(fpc.meanSE) }), JSON.stringify(anchors), dropped, req.base],
      );
      const { root } = await rootOf(tx, id);
      const [scale] = await tx.query(`SELECT 1 FROM literacy_scales WHERE grade = $1`, [a.grade]);
      if (!scale) {
        const cuts = await this.cutsOf(tx, root);
        await tx.query(`INSERT INTO literacy_scales (grade, base_assessment_id, slope, intercept, cuts) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (grade) DO NOTHING`, [
          a.grade, root, SCALE_SLOPE, SCALE_INTERCEPT, JSON.stringify(cuts),
        ]);
        scaleCreatedFor = root;
      }
    });
    // The base's own analysis gains its position on the new scale (unless its results were destroyed: then it stays as published).
    if (scaleCreatedFor !== null) await this.analysis.run(scaleCreatedFor).catch((e) => (e instanceof ConflictError ? undefined : Promise.reject(e)));
    // The analysis reads the link and calibrates with the anchors fixed: abilities and levels on the common scale.
    await this.analysis.run(id, async (p) => progress?.(70 + Math.round(p * 0.3)));
    return { linked: true, baseAssessmentId: req.base, constant: r(fpc.mean), se: r(se), meanMean: r(mm.constant), anchors: mm.n, drifting: anchors.filter((x) => x.drifting).map((x) => x.itemId) };
  }

  /**
   * The base form's cut scores (percent of its maximum) as θ: a raw cut r lies between the WLE
   * θ̂ of r − 1 and of r, and the cut is their midpoint. The first level starts at −∞.
   */
  private async cutsOf(db: Pick<DataSource, 'query'>, baseId: number): Promise<ScaleDefinition['cuts']> {
    const base = await this.assessments.get(baseId);
    const stats: { itemId: string; steps: number[] | null; dropped: boolean }[] = await db.query(
      `SELECT item_id AS "itemId", scale_steps AS steps, dropped FROM literacy_bank_item_stats WHERE assessment_id = $1`,
      [baseId],
    );
    const byId = new Map(stats.map((s) => [s.itemId, s]));
    const steps = base.items.map((i) => {
      const s = byId.get(i.id);
      return !i.dropped && s?.steps && !s.dropped ? s.steps.map(Number) : null;
    });
    const params = packSteps(steps);
    const table = rawScoreTable(params);
    const max = table.length - 1;
    const fullMax = base.items.filter((i) => !i.dropped).reduce((t, i) => t + i.maxScore, 0);
    return [...base.cutScores].sort((x, y) => x.min - y.min).map((c, k) => {
      const raw = Math.min(max, Math.ceil((c.min / 100) * fullMax - 1e-9));
      if (k === 0 || raw <= 0) return { level: c.level, theta: null, raw: Math.max(raw, 0) };
      return { level: c.level, theta: r((table[raw - 1].theta + table[raw].theta) / 2, 6), raw };
    });
  }

  /**
   * The grade's assessments on its common scale, per school year: mean scale score, SE and the
   * shares of the θ-defined levels, for the city, an office or a school. Groups under 5 withheld.
   */
  async trend(grade: number, actor: AuthUser | null, filter: { office?: string; schoolId?: number } = {}): Promise<LiteracyTrendDto> {
    let group: LiteracyTrendDto['group'] = 'city';
    let key = 'all';
    if (!actor && (filter.schoolId !== undefined || filter.office !== undefined)) throw new Error('an office or school trend needs a viewer');
    if (actor && filter.schoolId !== undefined) {
      await this.schools.assert(actor, filter.schoolId, 'read');
      group = 'school';
      key = String(filter.schoolId);
    } else if (actor && filter.office !== undefined) {
      const own =
        actor.role === 'city_admin' ||
        (actor.role === 'district_admin' ? actor.districtOffice === filter.office : actor.schoolId ? (await this.schools.assert(actor, actor.schoolId, 'read')).districtOffice === filter.office : false);
      if (!own) throw new ForbiddenError('You may not read this office', 'FORBIDDEN');
      group = 'office';
      key = filter.office;
    }
    const [s] = await this.ds.query(`SELECT grade, base_assessment_id AS "baseAssessmentId", slope, intercept, cuts FROM literacy_scales WHERE grade = $1`, [grade]);
    if (!s) return { grade, scale: null, group, key, points: [] };
    const scale = s as ScaleDefinition;
    const candidates: { id: number; name: string; schoolYear: number; phase: 'pilot' | 'main' }[] = await this.ds.query(
      `SELECT a.id, a.name, a.school_year AS "schoolYear", a.phase FROM literacy_assessments a JOIN literacy_analyses x ON x.assessment_id = a.id
       WHERE a.grade = $1 ORDER BY a.school_year, a.phase DESC, a.id`,
      [grade],
    );
    const thresholds = scale.cuts.filter((c) => c.theta !== null).map((c) => c.theta as number);
    const offset = scale.cuts.length - thresholds.length;
    const points: LiteracyTrendPointDto[] = [];
    for (const c of candidates) {
      const { root, linkSE } = await rootOf(this.ds, c.id);
      if (root !== scale.baseAssessmentId) continue;
      const params: unknown[] = [c.id, thresholds];
      const where = ['x.assessment_id = $1', 'x.ability IS NOT NULL'];
      if (group === 'school') where.push(`st.school_id = $${params.push(filter.schoolId)}`);
      if (group === 'office') where.push(`d.office_code = $${params.push(filter.office)}`);
      const buckets: { b: number; n: number; sum: number; sumsq: number }[] = await this.ds.query(
        `SELECT ${thresholds.length ? 'width_bucket(x.ability::float8, $2::float8[])' : '0 + 0 * cardinality($2::float8[])'} AS b, count(*)::int AS n,
                sum(x.ability::float8) AS sum, sum(x.ability::float8 * x.ability::float8) AS sumsq
         FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN schools sc ON sc.id = st.school_id JOIN districts d ON d.name = sc.district
         WHERE ${where.join(' AND ')} GROUP BY 1`,
        params,
      );
      const n = buckets.reduce((t, b) => t + b.n, 0);
      if (!n) continue;
      const point = { schoolYear: c.schoolYear, assessmentId: c.id, assessmentName: c.name, phase: c.phase, linked: c.id !== root };
      if (n < DEFAULT_SUPPRESSION_THRESHOLD) {
        points.push({ ...point, n: null, mean: null, sd: null, se: null, suppressed: true, levels: null });
        continue;
      }
      const sum = buckets.reduce((t, b) => t + Number(b.sum), 0);
      const sumsq = buckets.reduce((t, b) => t + Number(b.sumsq), 0);
      const mean = sum / n;
      const variance = n > 1 ? Math.max(0, (sumsq - n * mean * mean) / (n - 1)) : 0;
      const counts = scale.cuts.map(() => 0);
      for (const b of buckets) counts[Math.max(0, b.b - 1 + offset)] += b.n;
      points.push({
        ...point, n, suppressed: false,
        mean: r(mean * scale.slope + scale.intercept, 2),
        sd: r(Math.sqrt(variance) * scale.slope, 2),
        se: r(scale.slope * Math.sqrt(variance / n + linkSE ** 2), 2),
        levels: scale.cuts.map((cut, k) => ({ level: cut.level, count: counts[k], proportion: r(counts[k] / n)! })),
      });
    }
    return {
      grade, group, key, points,
      scale: {
        grade, slope: scale.slope, intercept: scale.intercept, baseAssessmentId: scale.baseAssessmentId,
        cuts: scale.cuts.map((c) => ({ level: c.level, theta: c.theta, raw: c.raw, scaleScore: c.theta === null ? null : r(c.theta * scale.slope + scale.intercept, 1) })),
      },
    };
  }
}
