import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  mantelHaenszelDif, matchingTotals, paramsFromFit, raschFit, rawScoreTable, separationReliability, testInformation,
  type DifSkipReason, type EtsCategory, type ItemFit, type ItemSpec, type RaschResult, type ScoreMatrix,
} from '../analysis';

/*
 * Measurement quality of one analysis run (issue 18), between the pure engine (../analysis) and the
 * analysis job: Rasch fit per item and person, Mantel–Haenszel DIF by sex, school level and
 * district office, precision (test information, conditional SEM per raw score, person separation
 * beside α), the position on the grade's reporting scale, and the item bank's per-administration
 * record. No Nest here; the SQL helpers take the caller's DataSource or transaction.
 */

/** Items whose infit or outfit MNSQ lies outside this range are flagged (Wright & Linacre 1994). */
export const FIT_RANGE = [0.7, 1.3] as const;
/** A person misfits when their infit or outfit ZSTD exceeds this (erratic responses). */
export const PERSON_MISFIT_Z = 2;
/** Minimum students per group for MH DIF (Zwick 2012: the ETS operational minimum). */
export const DIF_MIN_GROUP = 100;
/** θ grid of the test information function. */
const INFO_GRID = Array.from({ length: 17 }, (_, i) => -4 + i * 0.5);

export type DifGroup = 'sex' | 'schoolLevel' | 'districtOffice';

export interface DifEntry {
  /** What the students are grouped by. */
  group: DifGroup;
  /** The reference and the focal group (sex M / F; the most frequent school level / another; the rest of the city / an office). */
  reference: string;
  focal: string;
  nReference: number;
  nFocal: number;
  /** MH D-DIF (ETS delta metric); negative = harder for the focal group. null when not computed. */
  mhDDif: number | null;
  se: number | null;
  /** ETS A / B± / C±; null when not computed (see reason). */
  ets: EtsCategory | null;
  reason: DifSkipReason | null;
}

export interface ItemMeasurement {
  infit: number | null;
  outfit: number | null;
  infitZ: number | null;
  outfitZ: number | null;
  /** Infit or outfit MNSQ outside FIT_RANGE; null when the item was not calibrated. */
  fitFlag: boolean | null;
  dif: DifEntry[];
}

export interface ScaleDefinition {
  grade: number;
  baseAssessmentId: number;
  slope: number;
  intercept: number;
  /** Ascending; the first level starts at −∞ (theta null). `raw` is the base form's raw cut score. */
  cuts: { level: string; theta: number | null; raw: number }[];
}

export interface LinkForAnalysis {
  baseAssessmentId: number;
  /** Anchors held fixed (used in the link and present, scored and calibrated on the base). */
  anchors: string[];
  bankSteps: Record<string, number[]>;
  se: number | null;
}

const r4 = (v: number | null | undefined, digits = 4) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

type Query = Pick<DataSource | EntityManager | QueryRunner, 'query'>;

/** The assessment whose scale this one is on: follows computed links to the first unlinked assessment. */
export async function rootOf(db: Query, assessmentId: number): Promise<{ root: number; linkSE: number }> {
  let id = assessmentId;
  let variance = 0;
  const seen = new Set<number>([id]);
  for (;;) {
    const [row] = await db.query(`SELECT base_assessment_id AS base, se FROM literacy_links WHERE assessment_id = $1 AND status = 'done'`, [id]);
    if (!row || seen.has(row.base)) return { root: id, linkSE: Math.sqrt(variance) };
    variance += (row.se ?? 0) ** 2;
    id = row.base;
    seen.add(id);
  }
}

/** The grade's reporting scale when this assessment is on it (is its base or linked to it); otherwise null. */
export async function scaleOf(db: Query, assessmentId: number, grade: number): Promise<(ScaleDefinition & { linkSE: number }) | null> {
  const [s] = await db.query(`SELECT grade, base_assessment_id AS "baseAssessmentId", slope, intercept, cuts FROM literacy_scales WHERE grade = $1`, [grade]);
  if (!s) return null;
  const { root, linkSE } = await rootOf(db, assessmentId);
  return root === s.baseAssessmentId ? { ...s, linkSE } : null;
}

/** The computed link of the assessment with the base's step difficulties of the anchors it kept. */
export async function readLinkForAnalysis(db: Query, assessmentId: number, items: readonly ItemSpec[]): Promise<LinkForAnalysis | null> {
  const [link] = await db.query(
    `SELECT base_assessment_id AS "baseAssessmentId", anchors, se FROM literacy_links WHERE assessment_id = $1 AND status = 'done' AND anchors IS NOT NULL`,
    [assessmentId],
  );
  if (!link) return null;
  const steps: { itemId: string; steps: number[] }[] = await db.query(
    `SELECT item_id AS "itemId", scale_steps AS steps FROM literacy_bank_item_stats WHERE assessment_id = $1 AND scale_steps IS NOT NULL AND NOT dropped`,
    [link.baseAssessmentId],
  );
  const bankSteps = Object.fromEntries(steps.map((s) => [s.itemId, s.steps.map(Number)]));
  const byId = new Map(items.map((i) => [i.id, i]));
  const anchors = (link.anchors as { itemId: string; used: boolean }[])
    .filter((a) => a.used && bankSteps[a.itemId] && byId.get(a.itemId) && !byId.get(a.itemId)!.dropped && byId.get(a.itemId)!.maxScore === bankSteps[a.itemId].length)
    .map((a) => a.itemId);
  return anchors.length ? { baseAssessmentId: link.baseAssessmentId, anchors, bankSteps, se: link.se } : null;
}

/** Level of θ by the scale's cuts (the first level from −∞). */
export function thetaLevel(theta: number, cuts: ScaleDefinition['cuts']): string | null {
  if (!Number.isFinite(theta) || !cuts.length) return null;
  let level = cuts[0].level;
  for (const c of cuts) if (c.theta === null || theta >= c.theta) level = c.level;
  return level;
}

interface Student {
  sex: 'M' | 'F' | null;
  schoolLevel: string;
  office: string;
}

/** The MH comparisons the data allow: sex; school levels against the most frequent; each office against the rest of the city. */
function difComparisons(students: readonly Student[]): { group: DifGroup; reference: string; focal: string; codes: Int8Array; reportSkipped: boolean }[] {
  const out: { group: DifGroup; reference: string; focal: string; codes: Int8Array; reportSkipped: boolean }[] = [];
  if (students.some((s) => s.sex)) out.push({ group: 'sex', reference: 'M', focal: 'F', codes: Int8Array.from(students, (s) => (s.sex === 'M' ? 0 : s.sex === 'F' ? 1 : -1)), reportSkipped: true });
  const count = (key: (s: Student) => string) => {
    const m = new Map<string, number>();
    for (const s of students) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const levels = count((s) => s.schoolLevel);
  for (const [focal] of levels.slice(1)) {
    out.push({ group: 'schoolLevel', reference: levels[0][0], focal, codes: Int8Array.from(students, (s) => (s.schoolLevel === levels[0][0] ? 0 : s.schoolLevel === focal ? 1 : -1)), reportSkipped: true });
  }
  const offices = count((s) => s.office);
  if (offices.length > 1) {
    for (const [focal] of offices) out.push({ group: 'districtOffice', reference: 'others', focal, codes: Int8Array.from(students, (s) => (s.office === focal ? 1 : 0)), reportSkipped: false });
  }
  return out;
}

export interface MeasurementInput {
  matrix: ScoreMatrix;
  items: readonly ItemSpec[];
  rasch: RaschResult | null;
  alpha: number | null;
  students: readonly Student[];
  scale: (ScaleDefinition & { linkSE: number }) | null;
  linked: { baseAssessmentId: number; anchors: string[]; se: number | null } | null;
}

export function measurement(input: MeasurementInput) {
  const { matrix, items, rasch, students } = input;
  const fitByColumn = new Map<number, ItemFit>();
  const persons = { n: 0, misfitting: 0 };
  let reliability: { alpha: number | null; personSeparation: { n: number; reliability: number | null; separation: number | null } | null } = { alpha: r4(input.alpha), personSeparation: null };
  let rawScores: { rawScore: number; theta: number | null; se: number | null }[] = [];
  let information: { theta: number; information: number | null; se: number | null }[] = [];
  if (rasch) {
    const params = paramsFromFit(rasch, items.length);
    const fit = raschFit(matrix, params, rasch.persons.wle, { range: FIT_RANGE });
    for (const f of fit.items) fitByColumn.set(f.column, f);
    for (let s = 0; s < fit.persons.n.length; s++) {
      if (fit.persons.n[s] === 0) continue;
      persons.n++;
      if (fit.persons.infitZ[s] > PERSON_MISFIT_Z || fit.persons.outfitZ[s] > PERSON_MISFIT_Z) persons.misfitting++;
    }
    const sep = separationReliability(rasch.persons.wle, rasch.persons.wleSE);
    reliability = { alpha: r4(input.alpha), personSeparation: { n: sep.n, reliability: r4(sep.reliability), separation: r4(sep.separation) } };
    if (rasch.items.length) {
      rawScores = rawScoreTable(params).map((p) => ({ rawScore: p.rawScore, theta: r4(p.theta), se: r4(p.se) }));
      const info = testInformation(params, INFO_GRID);
      information = INFO_GRID.map((theta, i) => ({ theta, information: r4(info[i]), se: r4(1 / Math.sqrt(info[i])) }));
    }
  }

  const difByItem = new Map<string, DifEntry[]>(items.map((i) => [i.id, []]));
  const comparisons = difComparisons(students);
  let totals: Int32Array | null = null;
  try {
    totals = comparisons.length ? matchingTotals(matrix, items) : null;
  } catch {
    // Fractional scores have no MH strata: DIF is left out, the analysis goes on.
  }
  for (const c of totals ? comparisons : []) {
    const results = mantelHaenszelDif(matrix, items, c.codes, { minGroupSize: DIF_MIN_GROUP, totals: totals! });
    for (const d of results) {
      if (!d.computed && !c.reportSkipped) continue;
      difByItem.get(d.id)!.push({
        group: c.group, reference: c.reference, focal: c.focal, nReference: d.nReference, nFocal: d.nFocal,
        mhDDif: d.computed ? r4(d.dDif) : null, se: d.computed ? r4(d.dDifSE) : null, ets: d.computed ? d.category : null, reason: d.computed ? null : d.reason,
      });
    }
  }

  let scale = null;
  if (input.scale && rasch) {
    const { slope, intercept, cuts, baseAssessmentId, linkSE } = input.scale;
    const eap = Array.from(rasch.persons.eap).filter(Number.isFinite);
    const n = eap.length;
    const mean = n ? eap.reduce((a, b) => a + b, 0) / n : NaN;
    const variance = n > 1 ? eap.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : NaN;
    const counts = new Map(cuts.map((c) => [c.level, 0]));
    for (const t of eap) {
      const l = thetaLevel(t, cuts);
      if (l) counts.set(l, counts.get(l)! + 1);
    }
    scale = {
      baseAssessmentId, slope, intercept,
      // The cut on this form's raw score: the lowest raw score whose θ̂ (WLE) reaches the cut.
      cuts: cuts.map((c) => ({
        level: c.level, theta: r4(c.theta), scaleScore: c.theta === null ? null : r4(c.theta * slope + intercept, 1),
        raw: c.theta === null ? 0 : rawScores.find((p) => p.theta !== null && p.theta >= c.theta!)?.rawScore ?? null,
      })),
      n,
      mean: r4(mean * slope + intercept, 2),
      sd: r4(Math.sqrt(variance) * slope, 2),
      /** Sampling error of the mean and the error of the links to the base, in quadrature. */
      se: r4(slope * Math.sqrt(variance / n + linkSE ** 2), 2),
      levels: cuts.map((c) => ({ level: c.level, count: counts.get(c.level)!, proportion: n ? r4(counts.get(c.level)! / n) : null })),
    };
  }

  const itemExtras = (id: string): ItemMeasurement => {
    const j = items.findIndex((i) => i.id === id);
    const f = fitByColumn.get(j);
    return {
      infit: r4(f?.infit), outfit: r4(f?.outfit), infitZ: r4(f?.infitZ), outfitZ: r4(f?.outfitZ), fitFlag: f ? f.flagged : null,
      dif: difByItem.get(id) ?? [],
    };
  };
  const summary = {
    fit: { range: [...FIT_RANGE], flagged: items.filter((_, j) => fitByColumn.get(j)?.flagged).map((i) => i.id), persons: { ...persons, rule: `infit or outfit ZSTD > ${PERSON_MISFIT_Z}` } },
    dif: {
      minGroupSize: DIF_MIN_GROUP,
      comparisons: comparisons.map((c) => ({ group: c.group, reference: c.reference, focal: c.focal, nReference: countCodes(c.codes, 0), nFocal: countCodes(c.codes, 1) })),
      /** Items with ETS category B or C in any comparison (C: large DIF). */
      flagged: [...difByItem].flatMap(([itemId, ds]) => ds.filter((d) => d.ets && d.ets !== 'A').map((d) => ({ itemId, group: d.group, focal: d.focal, mhDDif: d.mhDDif, ets: d.ets }))),
    },
    reliability,
    rawScores,
    information,
    linked: input.linked && { baseAssessmentId: input.linked.baseAssessmentId, anchors: input.linked.anchors, se: r4(input.linked.se) },
    scale,
  };
  return { itemExtras, summary };
}

function countCodes(codes: Int8Array, v: number): number {
  let n = 0;
  for (const c of codes) if (c === v) n++;
  return n;
}

interface ItemOut {
  id: string;
  n: number;
  facility: number | null;
  discrimination: number | null;
  dropped: boolean;
  infit: number | null;
  outfit: number | null;
  infitZ: number | null;
  outfitZ: number | null;
  fitFlag: boolean | null;
  dif: DifEntry[];
}

/** Replaces the assessment's administration record in the item bank (inside the analysis transaction). */
export async function writeBankStats(qr: Query, assessment: { id: number; grade: number; schoolYear: number }, itemsOut: ItemOut[], rasch: RaschResult | null): Promise<void> {
  const byId = new Map(rasch?.items.map((r) => [r.id, r]) ?? []);
  await qr.query(
    `INSERT INTO literacy_bank_items (grade, item_id, area_code, type, max_score, answer_key, options)
     SELECT $2, item_id, area_code, type, max_score, answer_key, options FROM literacy_items WHERE assessment_id = $1 ON CONFLICT DO NOTHING`,
    [assessment.id, assessment.grade],
  );
  await qr.query(`DELETE FROM literacy_bank_item_stats WHERE assessment_id = $1`, [assessment.id]);
  const rows = itemsOut.map((i) => {
    const r = byId.get(i.id);
    return {
      item_id: i.id, n: i.n, facility: i.facility, discrimination: i.discrimination, dropped: i.dropped,
      difficulty: r4(r?.difficulty), difficulty_se: r4(r?.se), scale_steps: r ? r.thresholds.map((t) => r4(t.estimate, 6)) : null,
      infit: i.infit, outfit: i.outfit, infit_z: i.infitZ, outfit_z: i.outfitZ, fit_flag: i.fitFlag, dif: i.dif,
    };
  });
  await qr.query(
    `INSERT INTO literacy_bank_item_stats (assessment_id, grade, school_year, item_id, n, facility, discrimination, dropped, difficulty, difficulty_se, scale_steps, infit, outfit, infit_z, outfit_z, fit_flag, dif)
     SELECT $1, $2, $3, t.item_id, t.n, t.facility, t.discrimination, t.dropped, t.difficulty, t.difficulty_se, t.scale_steps, t.infit, t.outfit, t.infit_z, t.outfit_z, t.fit_flag, coalesce(t.dif, '[]')
     FROM jsonb_to_recordset($4::jsonb) AS t(item_id text, n int, facility real, discrimination real, dropped boolean, difficulty real, difficulty_se real, scale_steps real[],
                                             infit real, outfit real, infit_z real, outfit_z real, fit_flag boolean, dif jsonb)`,
    [assessment.id, assessment.grade, assessment.schoolYear, JSON.stringify(rows)],
  );
}
