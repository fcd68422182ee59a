import { assertShape, type ItemSpec, type ItemType, type MissingPolicy, type ScoreMatrix } from './types';

/*
 * Classical test theory, as Moodle's quiz statistics define it ("Quiz statistics calculations",
 * Moodle docs) with the usual psychometric names:
 *
 * - facility index F = mean item score ÷ maximum item score (Moodle: (x̄ − min) / (max − min), min 0);
 * - discrimination index = Pearson r between the item score and the rest-of-test score (the total of
 *   the other scored items), so the item is not correlated with itself; Moodle prints it ×100;
 * - discriminative efficiency = Cov(item, rest) ÷ the largest covariance the two marginal
 *   distributions allow (both sorted ascending and paired), Moodle's "DE";
 * - coefficient of internal consistency = Cronbach's alpha, k/(k−1)·(1 − Σ var(item) / var(total));
 * - standard error of measurement = SD·√(1 − α) (Moodle: error ratio √(1 − α) times SD).
 *
 * Variances and SDs divide by n − 1, as Moodle's do. Dropped items still get their own statistics
 * (so an admin can see why they were dropped), but are left out of every total, every rest score and
 * alpha. Statistics that are undefined (no variance, fewer than two students) are null, never NaN.
 */

export interface CttOptions {
  missing?: MissingPolicy;
  /** Student rows to analyse (a class, a school, a group); all rows by default. */
  rows?: ArrayLike<number>;
  /** Width of a histogram bin in score points; default 1 up to a maximum total of 60, then max/30 rounded up. */
  binWidth?: number;
}

export interface ItemStatistics {
  id: string;
  area: string;
  type: ItemType;
  maxScore: number;
  dropped: boolean;
  /** Students in the analysis (rows). */
  n: number;
  /** Students with a score on the item. */
  nAnswering: number;
  nMissing: number;
  /** Mean score: over all n with `missing: 'zero'`, over those answering with `'exclude'`. */
  mean: number | null;
  sd: number | null;
  /** mean ÷ maxScore. */
  facility: number | null;
  /** Item–rest Pearson correlation; null when the item or the rest score has no variance. */
  discrimination: number | null;
  discriminativeEfficiency: number | null;
}

export interface HistogramBin {
  /** Scores s with from ≤ s < to. */
  from: number;
  to: number;
  count: number;
}

export interface TestStatistics {
  n: number;
  /** Scored (not dropped) items. */
  nItems: number;
  maxScore: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Cronbach's alpha over the scored items; null below 2 items or 2 students, or with no variance. */
  alpha: number | null;
  /** Students alpha was computed on (with `missing: 'exclude'`, those who have every scored item). */
  alphaN: number;
  /** SD·√(1 − α). */
  sem: number | null;
  histogram: HistogramBin[];
}

export interface TestAnalysis {
  items: ItemStatistics[];
  test: TestStatistics;
  /** Total score of each analysed row, in the order of `rows` (or all students). */
  totals: Float64Array;
}

function allRows(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** Total score over the scored (not dropped) items, missing counted as 0, for every student. */
export function totalScores(m: ScoreMatrix, items: readonly ItemSpec[]): Float64Array {
  assertShape(m, items);
  const totals = new Float64Array(m.nStudents);
  const J = m.nItems;
  const scored = items.map((it) => !it.dropped);
  for (let s = 0; s < m.nStudents; s++) {
    let t = 0;
    const base = s * J;
    for (let i = 0; i < J; i++) {
      if (!scored[i]) continue;
      const v = m.data[base + i];
      if (v === v) t += v; // not NaN
    }
    totals[s] = t;
  }
  return totals;
}

export function maxTotal(items: readonly ItemSpec[]): number {
  let t = 0;
  for (const it of items) if (!it.dropped) t += it.maxScore;
  return t;
}

/** Pearson correlation and covariance of paired samples; null correlation when either has no variance. */
function pearson(x: Float64Array, y: Float64Array, n: number): { r: number | null; cov: number } {
  if (n < 2) return { r: null, cov: 0 };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const cov = sxy / (n - 1);
  // Relative guard: a variance that is rounding noise counts as none.
  if (sxx <= 1e-12 * n * (1 + mx * mx) || syy <= 1e-12 * n * (1 + my * my)) return { r: null, cov };
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), cov };
}

/**
 * Largest covariance two samples with these marginals can have: both sorted ascending, paired.
 * Scores are whole numbers (or halves) in a small range, so the pairing is walked over the two
 * histograms instead of sorting a million values per item; any other values are sorted.
 */
function maxCovariance(x: Float64Array, y: Float64Array, n: number): number {
  const hx = histogramOf(x, n);
  const hy = histogramOf(y, n);
  if (!hx || !hy) {
    const xs = x.slice(0, n).sort();
    const ys = y.slice(0, n).sort();
    return pearson(xs, ys, n).cov;
  }
  let mx = 0, my = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  // Walk both sorted sequences run by run: each step pairs min(left in x's run, left in y's run) values.
  let ix = 0, iy = 0, leftX = hx.counts[0], leftY = hy.counts[0];
  for (let done = 0; done < n; ) {
    while (leftX === 0) leftX = hx.counts[++ix];
    while (leftY === 0) leftY = hy.counts[++iy];
    const take = Math.min(leftX, leftY);
    sxy += take * (hx.min + ix * hx.step - mx) * (hy.min + iy * hy.step - my);
    leftX -= take;
    leftY -= take;
    done += take;
  }
  return n > 1 ? sxy / (n - 1) : 0;
}

/** Counts of values on a grid of halves between min and max, or null when they are not on one (or it is too wide). */
function histogramOf(v: Float64Array, n: number): { min: number; step: number; counts: Float64Array } | null {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x * 2 !== Math.round(x * 2)) return null;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const bins = (max - min) * 2 + 1;
  if (!(bins <= 100_000)) return null;
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) counts[(v[i] - min) * 2]++;
  return { min, step: 0.5, counts };
}

function meanSd(values: Float64Array, n: number): { mean: number | null; sd: number | null } {
  if (n === 0) return { mean: null, sd: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return { mean, sd: null };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

export function histogram(scores: ArrayLike<number>, maxScore: number, binWidth?: number): HistogramBin[] {
  const w = binWidth ?? (maxScore <= 60 ? 1 : Math.ceil(maxScore / 30));
  if (!(w > 0)) throw new RangeError('binWidth must be positive');
  const nBins = Math.floor(maxScore / w) + 1;
  const bins: HistogramBin[] = [];
  for (let b = 0; b < nBins; b++) bins.push({ from: b * w, to: (b + 1) * w, count: 0 });
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s === s)) continue;
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(s / w)));
    bins[b].count++;
  }
  return bins;
}

function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Item and test statistics of one group of students (all of them by default). O(students × items)
 * plus one sort per item for the discriminative efficiency.
 */
export function analyseTest(m: ScoreMatrix, items: readonly ItemSpec[], options: CttOptions = {}): TestAnalysis {
  assertShape(m, items);
  const missing = options.missing ?? 'zero';
  const rows = options.rows ?? allRows(m.nStudents);
  const n = rows.length;
  const J = m.nItems;
  const scored = items.map((it) => !it.dropped);

  // Column copies of the analysed rows (NaN kept), and totals over the scored items (NaN as 0).
  const cols = items.map(() => new Float64Array(n));
  const totals = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const s = rows[r];
    if (!(s >= 0 && s < m.nStudents)) throw new RangeError(`row ${s} is not a student of the matrix`);
    const base = s * J;
    let t = 0;
    for (let i = 0; i < J; i++) {
      const v = m.data[base + i];
      cols[i][r] = v;
      if (scored[i] && v === v) t += v;
    }
    totals[r] = t;
  }

  const x = new Float64Array(n);
  const rest = new Float64Array(n);
  const itemStats: ItemStatistics[] = items.map((it, i) => {
    const col = cols[i];
    let used = 0;
    let answering = 0;
    for (let r = 0; r < n; r++) {
      const v = col[r];
      const has = v === v;
      if (has) answering++;
      if (!has && missing === 'exclude') continue;
      const score = has ? v : 0;
      x[used] = score;
      rest[used] = totals[r] - (scored[i] ? score : 0);
      used++;
    }
    const { mean, sd } = meanSd(x, used);
    const { r, cov } = pearson(x, rest, used);
    let de: number | null = null;
    if (r !== null) {
      const cmax = maxCovariance(x, rest, used);
      de = cmax > 0 ? cov / cmax : null;
    }
    return {
      id: it.id,
      area: it.area,
      type: it.type,
      maxScore: it.maxScore,
      dropped: !!it.dropped,
      n,
      nAnswering: answering,
      nMissing: n - answering,
      mean,
      sd,
      facility: mean === null ? null : mean / it.maxScore,
      discrimination: r,
      discriminativeEfficiency: de,
    };
  });

  return { items: itemStats, test: testStatistics(cols, totals, items, missing, options.binWidth), totals };
}

function testStatistics(
  cols: Float64Array[],
  totals: Float64Array,
  items: readonly ItemSpec[],
  missing: MissingPolicy,
  binWidth: number | undefined,
): TestStatistics {
  const n = totals.length;
  const scoredIdx = items.map((it, i) => (it.dropped ? -1 : i)).filter((i) => i >= 0);
  const k = scoredIdx.length;
  const max = maxTotal(items);
  const { mean, sd } = meanSd(totals, n);
  const sorted = totals.slice().sort();

  // Alpha: all rows with missing as 0, or only complete rows when missing scores are excluded.
  let alphaRows: Int32Array;
  if (missing === 'zero') alphaRows = allRows(n);
  else {
    const keep: number[] = [];
    for (let r = 0; r < n; r++) if (scoredIdx.every((i) => cols[i][r] === cols[i][r])) keep.push(r);
    alphaRows = Int32Array.from(keep);
  }
  const an = alphaRows.length;
  let alpha: number | null = null;
  if (k >= 2 && an >= 2) {
    const buf = new Float64Array(an);
    let sumItemVar = 0;
    for (const i of scoredIdx) {
      const col = cols[i];
      for (let r = 0; r < an; r++) {
        const v = col[alphaRows[r]];
        buf[r] = v === v ? v : 0;
      }
      sumItemVar += meanSd(buf, an).sd! ** 2;
    }
    for (let r = 0; r < an; r++) buf[r] = totals[alphaRows[r]];
    const totalVar = meanSd(buf, an).sd! ** 2;
    if (totalVar > 1e-12) alpha = (k / (k - 1)) * (1 - sumItemVar / totalVar);
  }
  return {
    n,
    nItems: k,
    maxScore: max,
    mean,
    sd,
    median: median(sorted),
    min: n ? sorted[0] : null,
    max: n ? sorted[n - 1] : null,
    alpha,
    alphaN: an,
    sem: alpha === null || sd === null ? null : sd * Math.sqrt(1 - alpha),
    histogram: histogram(totals, max, binWidth),
  };
}

/**
 * The same analysis for every group (class, school, office, …): `groupOf[student]` names the group,
 * null leaves the student out. Small-cell suppression is the caller's business (report layer).
 */
export function analyseGroups(
  m: ScoreMatrix,
  items: readonly ItemSpec[],
  groupOf: ArrayLike<string | null>,
  options: Omit<CttOptions, 'rows'> = {},
): Map<string, TestAnalysis> {
  if (groupOf.length !== m.nStudents) throw new RangeError('groupOf needs one entry per student');
  const members = new Map<string, number[]>();
  for (let s = 0; s < groupOf.length; s++) {
    const g = groupOf[s];
    if (g === null) continue;
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(s);
  }
  const out = new Map<string, TestAnalysis>();
  for (const [g, list] of members) out.set(g, analyseTest(m, items, { ...options, rows: Int32Array.from(list) }));
  return out;
}

export interface AreaScores {
  area: string;
  itemIds: string[];
  maxScore: number;
  /** One score per student: the sum of the area's scored items, missing as 0. */
  scores: Float64Array;
}

/** Sub-scores per competency area (for strengths and weaknesses), scored items only, areas in first-seen order. */
export function areaScores(m: ScoreMatrix, items: readonly ItemSpec[]): AreaScores[] {
  assertShape(m, items);
  const byArea = new Map<string, AreaScores>();
  const areaOf: (AreaScores | null)[] = items.map((it) => {
    if (it.dropped) return null;
    let a = byArea.get(it.area);
    if (!a) byArea.set(it.area, (a = { area: it.area, itemIds: [], maxScore: 0, scores: new Float64Array(m.nStudents) }));
    a.itemIds.push(it.id);
    a.maxScore += it.maxScore;
    return a;
  });
  const J = m.nItems;
  for (let s = 0; s < m.nStudents; s++) {
    for (let i = 0; i < J; i++) {
      const a = areaOf[i];
      const v = m.data[s * J + i];
      if (a && v === v) a.scores[s] += v;
    }
  }
  return [...byArea.values()];
}

export interface ReviewThresholds {
  /** Flag below this item–rest correlation; default 0.2. */
  minDiscrimination?: number;
  /** Flag a facility below this (too hard); default 0.2. */
  minFacility?: number;
  /** Flag a facility above this (too easy); default 0.9. */
  maxFacility?: number;
}

export type ReviewReason = 'low-discrimination' | 'too-hard' | 'too-easy' | 'no-variance' | 'no-answers';

export interface ReviewFlag {
  itemId: string;
  reasons: ReviewReason[];
  facility: number | null;
  discrimination: number | null;
}

/** Items to review after a pilot: low discrimination, or facility outside [minFacility, maxFacility]. */
export function reviewFlags(stats: readonly ItemStatistics[], thresholds: ReviewThresholds = {}): ReviewFlag[] {
  const minD = thresholds.minDiscrimination ?? 0.2;
  const minF = thresholds.minFacility ?? 0.2;
  const maxF = thresholds.maxFacility ?? 0.9;
  if (!(minF <= maxF)) throw new RangeError('minFacility must not exceed maxFacility');
  const flags: ReviewFlag[] = [];
  for (const st of stats) {
    const reasons: ReviewReason[] = [];
    if (st.facility === null) reasons.push('no-answers');
    else {
      if (st.facility < minF) reasons.push('too-hard');
      if (st.facility > maxF) reasons.push('too-easy');
      if (st.discrimination === null) reasons.push('no-variance');
      else if (st.discrimination < minD) reasons.push('low-discrimination');
    }
    if (reasons.length) flags.push({ itemId: st.id, reasons, facility: st.facility, discrimination: st.discrimination });
  }
  return flags;
}
