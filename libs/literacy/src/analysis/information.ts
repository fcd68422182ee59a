import { maxSteps, momentsAt, type ItemParameters } from './item-params';
import { wle } from './rasch';

/*
 * Measurement precision of a Rasch / partial credit calibration.
 *
 * - Test information I(θ) = Σ_j Var_j(θ): in the Rasch family an item's Fisher information is
 *   the variance of its score at θ (Andrich 1978; Masters 1982), so no derivatives are needed.
 * - Raw score → θ table with the conditional SEM 1/√I(θ̂) per raw score point. The raw score is
 *   sufficient, so every examinee with score r on the full form gets the same θ̂. ML (root of
 *   r = Σ E_j(θ)) is infinite at 0 and the maximum; those rows are NaN. WLE (Warm 1989, the
 *   same routine fitRasch uses) is finite everywhere and is the default. `rawSE` = √I(θ̂) is
 *   the same precision on the raw score metric.
 * - Person separation reliability (Wright & Masters 1982, ch. 5; Linacre, Winsteps "Reliability
 *   and separation"): observed variance of the person measures (population form, ÷N, as
 *   Winsteps), error variance = mean of the squared SEs (MSE), true variance = observed − error;
 *   reliability = true / observed, separation G = √true / RMSE. It is the Rasch counterpart of
 *   Cronbach's α (ctt.ts) and is reported next to it.
 * All loops are O(points × items × categories) on typed arrays.
 */

export function testInformation(params: ItemParameters, thetas: ArrayLike<number>): Float64Array {
  const out = new Float64Array(thetas.length);
  const p = new Float64Array(maxSteps(params) + 1);
  const mom = new Float64Array(3);
  for (let t = 0; t < thetas.length; t++) {
    let info = 0;
    for (let j = 0; j < params.m.length; j++) {
      if (params.m[j] === 0) continue;
      momentsAt(params, j, thetas[t], p, mom);
      info += mom[1];
    }
    out[t] = info;
  }
  return out;
}

export interface RawScorePoint {
  rawScore: number;
  theta: number;
  /** Conditional SEM of θ̂: 1/√I(θ̂). */
  se: number;
  /** √I(θ̂): the SEM on the raw-score metric. */
  rawSE: number;
}

function mlTheta(r: number, params: ItemParameters): number {
  const p = new Float64Array(maxSteps(params) + 1);
  const mom = new Float64Array(3);
  // r − Σ E_j(θ) decreases in θ: Newton inside a shrinking bracket, as the WLE routine does.
  let lo = -30;
  let hi = 30;
  let theta = 0;
  for (let it = 0; it < 200; it++) {
    let e = 0;
    let v = 0;
    for (let j = 0; j < params.m.length; j++) {
      if (params.m[j] === 0) continue;
      momentsAt(params, j, theta, p, mom);
      e += mom[0];
      v += mom[1];
    }
    const f = r - e;
    if (Math.abs(f) < 1e-12) break;
    if (f > 0) lo = theta;
    else hi = theta;
    let next = theta + f / v;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - theta) < 1e-13) return next;
    theta = next;
  }
  return theta;
}

/** θ̂ and its SEM for every raw score 0..maximum on all calibrated columns. */
export function rawScoreTable(params: ItemParameters, options: { method?: 'wle' | 'ml' } = {}): RawScorePoint[] {
  const method = options.method ?? 'wle';
  const taken: number[] = [];
  let max = 0;
  for (let j = 0; j < params.m.length; j++)
    if (params.m[j] > 0) {
      taken.push(j);
      max += params.m[j];
    }
  const takenArr = Int32Array.from(taken);
  const rows: RawScorePoint[] = [];
  for (let r = 0; r <= max; r++) {
    let theta: number;
    if (method === 'wle') theta = wle(r, takenArr, params, params.delta).theta;
    else theta = r === 0 || r === max ? NaN : mlTheta(r, params);
    const info = Number.isNaN(theta) ? NaN : testInformation(params, [theta])[0];
    rows.push({ rawScore: r, theta, se: 1 / Math.sqrt(info), rawSE: Math.sqrt(info) });
  }
  return rows;
}

export interface Separation {
  /** Persons with a finite measure and SE. */
  n: number;
  observedVariance: number;
  /** Mean squared SE. */
  errorVariance: number;
  /** max(0, observed − error). */
  trueVariance: number;
  reliability: number;
  separation: number;
}

export function separationReliability(measures: ArrayLike<number>, ses: ArrayLike<number>): Separation {
  if (measures.length !== ses.length) throw new RangeError('measures and SEs differ in length');
  let n = 0;
  let sum = 0;
  for (let s = 0; s < measures.length; s++)
    if (Number.isFinite(measures[s]) && Number.isFinite(ses[s])) {
      n++;
      sum += measures[s];
    }
  const mean = sum / n;
  let ss = 0;
  let se2 = 0;
  for (let s = 0; s < measures.length; s++)
    if (Number.isFinite(measures[s]) && Number.isFinite(ses[s])) {
      ss += (measures[s] - mean) ** 2;
      se2 += ses[s] * ses[s];
    }
  const observedVariance = ss / n;
  const errorVariance = se2 / n;
  const trueVariance = Math.max(0, observedVariance - errorVariance);
  return {
    n,
    observedVariance,
    errorVariance,
    trueVariance,
    reliability: observedVariance > 0 ? trueVariance / observedVariance : NaN,
    separation: Math.sqrt(trueVariance / errorVariance),
  };
}

/** Person separation reliability of a fit's WLE measures, reported with the CTT α. */
export function reliabilitySummary(
  fit: { persons: { wle: ArrayLike<number>; wleSE: ArrayLike<number> } },
  alpha: number | null,
): { alpha: number | null; personSeparation: Separation } {
  return { alpha, personSeparation: separationReliability(fit.persons.wle, fit.persons.wleSE) };
}
