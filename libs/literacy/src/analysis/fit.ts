import { maxSteps, momentsAt, type ItemParameters } from './item-params';
import type { ScoreMatrix } from './types';

/*
 * Rasch / partial credit fit statistics: infit and outfit mean squares and their standardised
 * forms, per item and per person.
 *
 * Definitions (Wright & Masters 1982, "Rating Scale Analysis", ch. 5; Linacre, Winsteps manual,
 * "Misfit diagnosis: infit outfit mean-square standardized"). For person n and item i with an
 * observed score x, ability θ_n and the item's step difficulties:
 *   E_ni = Σ_k k·P_nik               expected score
 *   W_ni = Σ_k (k − E_ni)²·P_nik     model variance of x
 *   C_ni = Σ_k (k − E_ni)⁴·P_nik     fourth central moment (kurtosis term)
 *   y_ni = x_ni − E_ni,  z²_ni = y²_ni / W_ni
 * Item i over the N persons who have a score on it:
 *   outfit u_i = Σ z² / N                 q²(u) = Σ C/W² / N² − 1/N
 *   infit  v_i = Σ y² / Σ W               q²(v) = Σ (C − W²) / (Σ W)²
 * and the same over items for a person. ZSTD is the Wilson–Hilferty cube-root transformation
 * Wright & Masters use, t = (MNSQ^{1/3} − 1)·(3/q) + q/3, approximately N(0, 1) under the model.
 *
 * Why these choices:
 * - Missing cells (NaN) are skipped, not scored 0: fit asks whether the observed responses
 *   behave as the model predicts, and an unadministered item predicts nothing. Callers that
 *   score missing as 0 for estimation should pass the zero-filled matrix.
 * - θ is the caller's (WLE from fitRasch is the usual choice: finite for extreme scores and
 *   not shrunk like EAP, which would inflate the residuals of high and low scorers).
 * - Flag: an item is flagged when its infit OR outfit MNSQ lies outside [0.7, 1.3] (Wright &
 *   Linacre 1994, "Reasonable mean-square fit values", range for high-stakes MCQ); adjustable.
 * - O(N·items·categories), one pass over the typed matrix, no allocation per cell; the model
 *   moments are cached per distinct θ (a fitRasch WLE takes one value per raw score).
 */

export interface FitStatistic {
  /** Cells that entered (observed score, finite θ, calibrated item). */
  n: number;
  infit: number;
  outfit: number;
  infitZ: number;
  outfitZ: number;
}

export interface ItemFit extends FitStatistic {
  column: number;
  /** Infit or outfit MNSQ outside the acceptable range. */
  flagged: boolean;
}

export interface FitOptions {
  /** Acceptable MNSQ range; default [0.7, 1.3]. */
  range?: readonly [number, number];
}

export interface FitResult {
  /** One per calibrated column, in column order. */
  items: ItemFit[];
  /** Per matrix row; NaN where the person has no usable cell (n = 0). */
  persons: { n: Int32Array; infit: Float64Array; outfit: Float64Array; infitZ: Float64Array; outfitZ: Float64Array };
}

/** Wilson–Hilferty: MNSQ with variance q² → approximately standard normal. */
export function zstd(mnsq: number, q2: number): number {
  if (!(q2 > 0) || !(mnsq >= 0)) return NaN;
  const q = Math.sqrt(q2);
  return (Math.cbrt(mnsq) - 1) * (3 / q) + q / 3;
}

/** Accumulates Σ z², Σ C/W², Σ y², Σ W, Σ (C − W²) and n for one row or column. */
class Sums {
  readonly z2: Float64Array;
  readonly cw: Float64Array;
  readonly y2: Float64Array;
  readonly w: Float64Array;
  readonly cmw: Float64Array;
  readonly n: Int32Array;
  constructor(size: number) {
    this.z2 = new Float64Array(size);
    this.cw = new Float64Array(size);
    this.y2 = new Float64Array(size);
    this.w = new Float64Array(size);
    this.cmw = new Float64Array(size);
    this.n = new Int32Array(size);
  }
  add(i: number, y: number, w: number, c: number): void {
    this.z2[i] += (y * y) / w;
    this.cw[i] += c / (w * w);
    this.y2[i] += y * y;
    this.w[i] += w;
    this.cmw[i] += c - w * w;
    this.n[i]++;
  }
  stat(i: number): FitStatistic {
    const n = this.n[i];
    if (n === 0) return { n, infit: NaN, outfit: NaN, infitZ: NaN, outfitZ: NaN };
    const outfit = this.z2[i] / n;
    const infit = this.y2[i] / this.w[i];
    const qOut = this.cw[i] / (n * n) - 1 / n;
    const qIn = this.cmw[i] / (this.w[i] * this.w[i]);
    return { n, infit, outfit, infitZ: zstd(infit, qIn), outfitZ: zstd(outfit, qOut) };
  }
}

export function raschFit(mat: ScoreMatrix, params: ItemParameters, theta: ArrayLike<number>, options: FitOptions = {}): FitResult {
  const J = mat.nItems;
  const N = mat.nStudents;
  if (params.m.length !== J) throw new RangeError(`parameters for ${params.m.length} columns, matrix has ${J}`);
  if (theta.length !== N) throw new RangeError(`${theta.length} abilities for ${N} students`);
  const [lo, hi] = options.range ?? [0.7, 1.3];
  const items = new Sums(J);
  const people = new Sums(N);
  const p = new Float64Array(maxSteps(params) + 1);
  const mom = new Float64Array(3);
  // θ from fitRasch depends only on the raw score (and items taken), so a form has few distinct
  // values: their E, W, C for every item are computed once (up to CACHE_MAX values, then directly).
  const CACHE_MAX = 4096;
  const cacheIndex = new Map<number, number>();
  const cache: Float64Array[] = [];
  const rowMoments = (t: number): Float64Array | null => {
    let c = cacheIndex.get(t);
    if (c === undefined) {
      if (cache.length >= CACHE_MAX) return null;
      const row = new Float64Array(J * 3);
      for (let j = 0; j < J; j++) {
        if (params.m[j] === 0) continue;
        momentsAt(params, j, t, p, mom);
        row.set(mom, j * 3);
      }
      c = cache.length;
      cache.push(row);
      cacheIndex.set(t, c);
    }
    return cache[c];
  };
  for (let s = 0; s < N; s++) {
    const t = theta[s];
    if (!Number.isFinite(t)) continue;
    const row = rowMoments(t);
    for (let j = 0; j < J; j++) {
      if (params.m[j] === 0) continue;
      const x = mat.data[s * J + j];
      if (x !== x) continue;
      let e: number, w: number, c: number;
      if (row) {
        e = row[j * 3];
        w = row[j * 3 + 1];
        c = row[j * 3 + 2];
      } else {
        momentsAt(params, j, t, p, mom);
        e = mom[0];
        w = mom[1];
        c = mom[2];
      }
      if (!(w > 0)) continue; // |θ| so extreme the model variance underflows: no information
      const y = x - e;
      items.add(j, y, w, c);
      people.add(s, y, w, c);
    }
  }
  const outItems: ItemFit[] = [];
  for (let j = 0; j < J; j++) {
    if (params.m[j] === 0) continue;
    const st = items.stat(j);
    const flagged = st.n > 0 && (st.infit < lo || st.infit > hi || st.outfit < lo || st.outfit > hi);
    outItems.push({ column: j, ...st, flagged });
  }
  const persons = {
    n: people.n,
    infit: new Float64Array(N),
    outfit: new Float64Array(N),
    infitZ: new Float64Array(N),
    outfitZ: new Float64Array(N),
  };
  for (let s = 0; s < N; s++) {
    const st = people.stat(s);
    persons.infit[s] = st.infit;
    persons.outfit[s] = st.outfit;
    persons.infitZ[s] = st.infitZ;
    persons.outfitZ[s] = st.outfitZ;
  }
  return { items: outItems, persons };
}
