import type { RaschResult } from './rasch';
import { itemAt } from './rasch-design';

/*
 * Calibrated PCM item parameters indexed by score-matrix column, packed into typed arrays so that
 * the per-cell loops of fit.ts and information.ts call rasch-design's itemAt() without allocating.
 * A column with m = 0 has no parameters (dropped, excluded or not calibrated) and is skipped.
 */
export interface ItemParameters {
  /** Number of steps (maximum score) per column; 0 = not calibrated. */
  readonly m: Int32Array;
  /** Offset of the column's first step in `delta`. */
  readonly off: Int32Array;
  /** Step difficulties δ_j1..δ_jm of every column, concatenated. */
  readonly delta: Float64Array;
}

/** From step difficulties per column (a one-element array for a dichotomous item; null = skip). */
export function packSteps(steps: ReadonlyArray<ReadonlyArray<number> | null>): ItemParameters {
  const m = new Int32Array(steps.length);
  const off = new Int32Array(steps.length);
  let total = 0;
  steps.forEach((s, j) => {
    off[j] = total;
    m[j] = s ? s.length : 0;
    total += m[j];
  });
  const delta = new Float64Array(total);
  steps.forEach((s, j) => s && delta.set(s, off[j]));
  return { m, off, delta };
}

/** The items a fitRasch() result calibrated, by column; `nItems` = columns of its score matrix. */
export function paramsFromFit(fit: Pick<RaschResult, 'items'>, nItems: number): ItemParameters {
  const steps: (number[] | null)[] = Array.from({ length: nItems }, () => null);
  for (const it of fit.items) steps[it.column] = it.thresholds.map((t) => t.estimate);
  return packSteps(steps);
}

/**
 * Expected score E, variance W and fourth central moment C of column j at θ (the kurtosis term
 * the standardised fit statistics need); `p` is scratch of length ≥ m + 1.
 */
export function momentsAt(par: ItemParameters, j: number, theta: number, p: Float64Array, out: Float64Array): void {
  const mj = par.m[j];
  itemAt(theta, par.delta, par.off[j], mj, p);
  let e = 0;
  for (let k = 1; k <= mj; k++) e += k * p[k];
  let w = 0;
  let c = 0;
  for (let k = 0; k <= mj; k++) {
    const d2 = (k - e) * (k - e);
    w += d2 * p[k];
    c += d2 * d2 * p[k];
  }
  out[0] = e;
  out[1] = w;
  out[2] = c;
}

export function maxSteps(par: ItemParameters): number {
  let mx = 1;
  for (let j = 0; j < par.m.length; j++) if (par.m[j] > mx) mx = par.m[j];
  return mx;
}
