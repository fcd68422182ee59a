import { assertShape, type ItemSpec, type MissingPolicy, type ScoreMatrix } from './types';

/*
 * Differential item functioning by the Mantel–Haenszel procedure (Holland & Thayer 1988,
 * "Differential item performance and the Mantel–Haenszel procedure").
 *
 * Matching. Examinees are stratified by total raw score over all non-dropped items, the studied
 * item included (Holland & Thayer 1988; under the Rasch model this total is sufficient for θ, so
 * MH is then unbiased even when the groups differ in ability). With `missing: 'zero'` (default)
 * an empty cell scores 0 as in the totals; with 'exclude' an examinee without a score on the
 * studied item is left out of that item's tables, and the total is over the scores present.
 *
 * Per stratum k, with A/B = reference right/wrong, C/D = focal right/wrong, T = A+B+C+D:
 *   α_MH  = Σ(A·D/T) / Σ(B·C/T)                         common odds ratio (ref vs focal)
 *   D-DIF = −2.35·ln α_MH                               ETS delta metric; negative = item
 *                                                        harder for the focal group
 *   Var(ln α_MH): Robins, Breslow & Greenland (1986), the variance Phillips & Holland (1987)
 *     derived for MH D-DIF:  Σ P·R / (2R²) + Σ (P·S + Q·R) / (2R·S) + Σ Q·S / (2S²),
 *     P = (A+D)/T, Q = (B+C)/T, R_k = A·D/T, S_k = B·C/T, R = ΣR_k, S = ΣS_k;  SE(D) = 2.35·√Var
 *   χ²_MH = (|ΣA − ΣE(A)| − ½)² / ΣVar(A),  E(A) = n_R·m_1/T,
 *     Var(A) = n_R·n_F·m_1·m_0 / (T²(T − 1))           1 df, with continuity correction
 * Strata holding only one group carry no comparison and are skipped (they add nothing to any sum
 * above except T − 1 = 0 divisions).
 *
 * ETS classification, as stated in Zwick (2012), "A review of ETS differential item functioning
 * assessment procedures", ETS RR-12-08, p. 5 (after Dorans & Holland 1993):
 *   A: |D| < 1, or χ²_MH not significant at .05 (χ² < 3.841);
 *   C: |D| ≥ 1.5 and |D| significantly greater than 1 at .05, implemented one-sided as
 *      (|D| − 1) / SE(D) > 1.645;
 *   B: otherwise.
 * The sign goes with the category: '−' (D < 0) favours the reference group, '+' the focal group.
 *
 * Scope. DIF is computed for dichotomous items only: MH needs a 2×2 table per stratum, and the
 * polytomous generalisations (Mantel's χ², SMD) have no agreed A/B/C rule of the same standing.
 * Partial-credit items are reported as not computed ('polytomous'); they still count in the
 * matching total. Groups smaller than `minGroupSize` (default 100 each, the working minimum
 * Zwick 2012 reports for ETS operational MH analyses) are reported as not computed
 * ('group-too-small'), as is an item whose tables give no finite α ('no-variation').
 *
 * O(N·items): one pass for the totals, one over the rows for every studied item at once.
 */

export type EtsCategory = 'A' | 'B-' | 'B+' | 'C-' | 'C+';
export type DifSkipReason = 'dropped' | 'polytomous' | 'group-too-small' | 'no-variation';

export interface DifOptions {
  missing?: MissingPolicy;
  /** Minimum examinees per group with a score on the item; default 100. */
  minGroupSize?: number;
  /** Columns to study; default every item. */
  columns?: readonly number[];
  /** Each student's total over the scored items, when the caller has it (several comparisons of one matrix). */
  totals?: ArrayLike<number>;
}

export interface MantelHaenszelTable {
  /** Reference right, reference wrong, focal right, focal wrong. */
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface MantelHaenszel {
  alpha: number;
  /** −2.35 ln α_MH. */
  dDif: number;
  dDifSE: number;
  chiSquare: number;
  /** Strata that held both groups. */
  strata: number;
  category: EtsCategory;
}

export type DifItem =
  | ({ column: number; id: string; computed: true; nReference: number; nFocal: number } & MantelHaenszel)
  | { column: number; id: string; computed: false; reason: DifSkipReason; nReference: number; nFocal: number };

const CHI2_05 = 3.841458820694124;
const Z_05_ONE_SIDED = 1.6448536269514722;

export function etsCategory(dDif: number, se: number, chiSquare: number): EtsCategory {
  const abs = Math.abs(dDif);
  if (abs < 1 || !(chiSquare >= CHI2_05)) return 'A';
  const sign = dDif < 0 ? '-' : '+';
  if (abs >= 1.5 && (abs - 1) / se > Z_05_ONE_SIDED) return `C${sign}`;
  return `B${sign}`;
}

/** MH statistics from one 2×2 table per matching stratum; null when α_MH is 0, ∞ or undefined. */
export function mantelHaenszel(tables: readonly MantelHaenszelTable[]): MantelHaenszel | null {
  let R = 0, S = 0, sPR = 0, sPSQR = 0, sQS = 0;
  let sumA = 0, sumE = 0, sumV = 0, strata = 0;
  const rk: number[] = [], sk: number[] = [], pk: number[] = [], qk: number[] = [];
  for (const { a, b, c, d } of tables) {
    const nR = a + b;
    const nF = c + d;
    const T = nR + nF;
    if (nR === 0 || nF === 0) continue;
    strata++;
    const r = (a * d) / T;
    const s = (b * c) / T;
    R += r;
    S += s;
    rk.push(r);
    sk.push(s);
    pk.push((a + d) / T);
    qk.push((b + c) / T);
    const m1 = a + c;
    const m0 = b + d;
    sumA += a;
    sumE += (nR * m1) / T;
    if (T > 1) sumV += (nR * nF * m1 * m0) / (T * T * (T - 1));
  }
  if (!(R > 0 && S > 0)) return null;
  for (let k = 0; k < rk.length; k++) {
    sPR += pk[k] * rk[k];
    sPSQR += pk[k] * sk[k] + qk[k] * rk[k];
    sQS += qk[k] * sk[k];
  }
  const alpha = R / S;
  const varLog = sPR / (2 * R * R) + sPSQR / (2 * R * S) + sQS / (2 * S * S);
  const dDif = -2.35 * Math.log(alpha);
  const dDifSE = 2.35 * Math.sqrt(varLog);
  const dev = Math.max(0, Math.abs(sumA - sumE) - 0.5);
  const chiSquare = sumV > 0 ? (dev * dev) / sumV : 0;
  return { alpha, dDif, dDifSE, chiSquare, strata, category: etsCategory(dDif, dDifSE, chiSquare) };
}

/**
 * MH DIF of every (or the chosen) item; `group[s]` is 0 = reference, 1 = focal, anything else =
 * in neither (left out).
 */
export function mantelHaenszelDif(mat: ScoreMatrix, items: readonly ItemSpec[], group: ArrayLike<number>, options: DifOptions = {}): DifItem[] {
  assertShape(mat, items);
  const N = mat.nStudents;
  const J = mat.nItems;
  if (group.length !== N) throw new RangeError(`${group.length} group labels for ${N} students`);
  const missing = options.missing ?? 'zero';
  const minSize = options.minGroupSize ?? 100;
  let maxTotal = 0;
  for (const it of items) if (!it.dropped) maxTotal += it.maxScore;
  const total = options.totals ?? matchingTotals(mat, items);
  const K = maxTotal + 1;
  const columns = options.columns ?? items.map((_, j) => j);
  const reasonOf = (j: number): DifSkipReason | null => (items[j].dropped ? 'dropped' : items[j].maxScore !== 1 ? 'polytomous' : null);
  const studied = columns.filter((j) => reasonOf(j) === null);
  // One pass over the students, row by row (the matrix is row-major), for every studied item at
  // once: counts[(c·K + k)·4 + cell], cell 0..3 = a, b, c, d; sizes[c·2 + group].
  const counts = new Float64Array(studied.length * K * 4);
  const sizes = new Float64Array(columns.length * 2);
  const sizeAt = new Map(columns.map((j, i) => [j, i]));
  const data = mat.data;
  for (let s = 0; s < N; s++) {
    const g = group[s];
    if (g !== 0 && g !== 1) continue;
    const row = s * J;
    const stratum = total[s] * 4 + g * 2;
    for (let c = 0; c < studied.length; c++) {
      let v = data[row + studied[c]];
      if (v !== v) {
        if (missing === 'exclude') continue;
        v = 0;
      }
      counts[c * K * 4 + stratum + (v >= 1 ? 0 : 1)]++;
    }
    for (let i = 0; i < columns.length; i++) {
      if (missing === 'exclude' && data[row + columns[i]] !== data[row + columns[i]]) continue;
      sizes[i * 2 + g]++;
    }
  }
  const out: DifItem[] = [];
  for (const j of columns) {
    const it = items[j];
    const i = sizeAt.get(j)!;
    const nR = sizes[i * 2];
    const nF = sizes[i * 2 + 1];
    const base = { column: j, id: it.id, nReference: nR, nFocal: nF };
    const reason = reasonOf(j) ?? (nR < minSize || nF < minSize ? 'group-too-small' : null);
    if (reason) {
      out.push({ ...base, computed: false, reason });
      continue;
    }
    const c = studied.indexOf(j);
    const tables: MantelHaenszelTable[] = [];
    for (let k = 0; k < K; k++) {
      const at = (c * K + k) * 4;
      tables.push({ a: counts[at], b: counts[at + 1], c: counts[at + 2], d: counts[at + 3] });
    }
    const mh = mantelHaenszel(tables);
    out.push(mh ? { ...base, computed: true, ...mh } : { ...base, computed: false, reason: 'no-variation' });
  }
  return out;
}

/** The matching variable: each student's total over the scored items; throws when one is not a whole number. */
export function matchingTotals(mat: ScoreMatrix, items: readonly ItemSpec[]): Int32Array {
  const J = mat.nItems;
  const total = new Int32Array(mat.nStudents);
  for (let s = 0; s < mat.nStudents; s++) {
    let t = 0;
    for (let j = 0; j < J; j++) {
      if (items[j].dropped) continue;
      const v = mat.data[s * J + j];
      if (v === v) t += v;
    }
    if (!Number.isInteger(t)) throw new RangeError(`student ${s}: total ${t} is not a whole number`);
    total[s] = t;
  }
  return total;
}
