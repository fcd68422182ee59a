import { cholesky, choleskyInverse, choleskySolve } from './linalg';
import { gaussHermiteNormal } from './quadrature';
import { assertShape, type ItemSpec, type ItemType, type MissingPolicy, type ScoreMatrix } from './types';
import { design, itemAt, type Design } from './rasch-design';
import { MarginalLikelihood, type Evaluation } from './rasch-likelihood';

/*
 * Rasch model by marginal maximum likelihood (MML).
 *
 * Model. Masters' partial credit model, of which the dichotomous Rasch model is the special case
 * with one step: for item j with scores 0..m_j and step difficulties δ_j1..δ_jm,
 *     P(X_j = k | θ) ∝ exp(k·θ − Σ_{h≤k} δ_jh),
 * so a dichotomous item has P(correct) = 1 / (1 + exp(−(θ − δ_j))). Abilities are a random effect,
 * θ ~ N(0, σ²): the mean is fixed at 0 to set the origin of the scale, σ is estimated (or fixed
 * by the caller). The marginal likelihood integrates θ out by Gauss–Hermite quadrature
 * (41 points by default).
 *
 * Estimation. Newton–Raphson on the marginal log-likelihood, with the exact observed information
 * from Louis's (1982) identity (expected complete-data information minus the posterior covariance
 * of the complete-data score), and step halving so that every accepted step raises the likelihood.
 * When the observed information is not positive definite (far from the optimum) the step uses the
 * expected complete-data information instead, which is one step of the EM-gradient form of Bock
 * and Aitkin's (1981) EM algorithm. Standard errors are the square roots of the diagonal of the
 * inverse observed information at the optimum; an item's difficulty (for a partial-credit item, the
 * mean of its step difficulties) gets its SE by the delta method.
 *
 * Sufficiency keeps it fast. In the Rasch family the posterior of θ depends on a student's
 * responses only through the set of items taken and the raw score over them, so students are
 * grouped by (items taken, raw score) and every sum runs over groups: with one form and missing
 * scored 0 there are at most (maximum total + 1) groups whatever the number of students.
 *
 * Abilities. For every student both
 * - EAP: the posterior mean of θ given the responses, with the posterior SD as its SE; and
 * - WLE: Warm's (1989) weighted likelihood estimate, the root of
 *       r − Σ E_j(θ) + Σ κ3_j(θ) / (2·Σ Var_j(θ)) = 0,
 *   with SE 1/√(test information).
 * Both are finite for extreme scores (none or all correct), so no student is dropped or given an
 * arbitrary extrapolated value: EAP is pulled towards the population mean, and WLE's bias
 * correction keeps the root finite. A student with no score on any calibrated item gets NaN.
 *
 * Items. Dropped items are not fitted. An item whose lowest or highest score category nobody
 * obtained ('extreme': everyone right, or everyone wrong) has no finite MML estimate and is left
 * out, as is a partial-credit item with an unobserved middle category (its adjacent steps are not
 * identified); they are listed in `excluded` with the reason, and the abilities use the others.
 *
 * Anchored (fixed-parameter) calibration. With `fixed`, the named items keep the given step
 * difficulties (e.g. their item-bank values) and only the other items, σ and the mean μ of
 * θ ~ N(μ, σ²) are estimated: the fixed items now set the origin, so μ is free. The same
 * Newton iteration runs on the free parameters only (the gradient and information rows of the
 * fixed ones are simply left out), which keeps one estimator for both uses. See linking.ts.
 *
 * Verified against ltm's rasch() on the LSAT data of Bock & Lieberman (1970); see rasch.spec.ts.
 */

export interface RaschOptions {
  /** Missing scores as 0 (default) or as not administered. */
  missing?: MissingPolicy;
  /** Gauss–Hermite points; default 41. */
  quadraturePoints?: number;
  /** 'estimate' (default) or a fixed SD of the ability distribution. */
  sigma?: 'estimate' | number;
  maxIterations?: number;
  /** Stop when no parameter moves by more than this; default 1e-7. */
  tolerance?: number;
  /**
   * Step difficulties held fixed, by item id (one value per step: δ for a dichotomous item).
   * When at least one fixed item is calibrated the mean of θ is estimated instead of fixed at 0.
   */
  fixed?: Readonly<Record<string, readonly number[]>>;
}

export interface RaschThreshold {
  /** Step k: from score k−1 to k. */
  step: number;
  estimate: number;
  se: number | null;
}

export interface RaschItem {
  id: string;
  /** Column of the item in the score matrix. */
  column: number;
  type: ItemType;
  maxScore: number;
  /** δ for a dichotomous item; the mean step difficulty (item location) for a partial-credit item. */
  difficulty: number;
  se: number | null;
  thresholds: RaschThreshold[];
  /** Students whose score on the item entered the fit. */
  n: number;
  /** Present when the item's steps were held at `options.fixed` (their SEs are then null). */
  fixed?: true;
}

export type RaschExclusionReason = 'dropped' | 'no-responses' | 'extreme' | 'unobserved-category';

export interface RaschResult {
  /** The method in English words; `estimation`, `sigmaEstimated` and `quadraturePoints` say the same as data. */
  method: string;
  /** Marginal maximum likelihood (Newton–Raphson, Louis information); abilities EAP and WLE. */
  estimation: 'MML';
  /** Whether σ of θ ~ N(0, σ²) was estimated (otherwise fixed at `sigma`). */
  sigmaEstimated: boolean;
  converged: boolean;
  iterations: number;
  logLikelihood: number;
  quadraturePoints: number;
  /** Mean of the ability distribution: 0 (identifies the scale) unless items were fixed. */
  mean: number;
  /** Whether the mean was estimated (anchored calibration with `fixed`). */
  meanEstimated: boolean;
  /** null when the mean was fixed at 0. */
  meanSE: number | null;
  sigma: number;
  /** null when σ was fixed. */
  sigmaSE: number | null;
  items: RaschItem[];
  excluded: { id: string; column: number; reason: RaschExclusionReason }[];
  /**
   * Names of the fitted parameters: `<item id>#<step>` for each free step difficulty, then
   * `sigma` if estimated, then `mean` if estimated.
   */
  parameters: string[];
  /** Their covariance (inverse observed information), row-major parameters × parameters; null if singular. */
  covariance: Float64Array | null;
  /** Per student (matrix row); NaN where the student has no score on any calibrated item. */
  persons: {
    rawScore: Float64Array;
    maxScore: Float64Array;
    eap: Float64Array;
    eapSE: Float64Array;
    wle: Float64Array;
    wleSE: Float64Array;
  };
}

/** Warm's weighted likelihood estimate for raw score r on the given items (also used by information.ts). */
export function wle(r: number, itemsTaken: ArrayLike<number> & Iterable<number>, d: Pick<Design, 'm' | 'off'>, beta: Float64Array): { theta: number; se: number } {
  const p = new Float64Array(Math.max(2, ...d.m) + 1);
  const moments = (theta: number) => {
    let e = 0;
    let v = 0;
    let k3 = 0;
    for (const j of itemsTaken) {
      const mj = d.m[j];
      itemAt(theta, beta, d.off[j], mj, p);
      let ej = 0;
      for (let k = 1; k <= mj; k++) ej += k * p[k];
      let vj = 0;
      let k3j = 0;
      for (let k = 0; k <= mj; k++) {
        const dk = k - ej;
        vj += dk * dk * p[k];
        k3j += dk * dk * dk * p[k];
      }
      e += ej;
      v += vj;
      k3 += k3j;
    }
    return { f: r - e + k3 / (2 * v), info: v };
  };
  let lo = -30;
  let hi = 30;
  // f decreases from positive (θ → −∞) to negative (θ → +∞); keep a sign-changing bracket.
  let theta = 0;
  for (let it = 0; it < 200; it++) {
    const { f, info } = moments(theta);
    if (Math.abs(f) < 1e-10) break;
    if (f > 0) lo = theta;
    else hi = theta;
    let next = theta + f / info;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - theta) < 1e-12) {
      theta = next;
      break;
    }
    theta = next;
  }
  return { theta, se: 1 / Math.sqrt(moments(theta).info) };
}

/**
 * The marginal log-likelihood of the fit, with its gradient and observed information, at any
 * parameter vector (order as `RaschResult.parameters`, except that with `options.fixed` every
 * step is in the vector, followed by σ if estimated and then μ). For checks and diagnostics: the tests use
 * it to compare the analytic derivatives with finite differences.
 */
export function raschLikelihood(mat: ScoreMatrix, items: readonly ItemSpec[], options: RaschOptions = {}) {
  assertShape(mat, items);
  const sigmaOpt = options.sigma ?? 'estimate';
  const d = design(mat, items, options.missing ?? 'zero');
  const { nodes, weights } = gaussHermiteNormal(options.quadraturePoints ?? 41);
  // With `fixed`, the vector also carries the mean μ (last); all steps stay in it, fixed or not.
  const estimateMean = Object.keys(options.fixed ?? {}).length > 0;
  const model = new MarginalLikelihood(d, nodes, weights, sigmaOpt === 'estimate', sigmaOpt === 'estimate' ? 1 : sigmaOpt, estimateMean, 0);
  const start = new Float64Array(model.P);
  start.set(d.start);
  if (sigmaOpt === 'estimate') start[d.pd] = 1;
  return {
    size: model.P,
    start,
    evaluate: (beta: Float64Array) => {
      const ev = model.evaluate(beta, true);
      return { logLikelihood: ev.ll, gradient: ev.grad, information: ev.info! };
    },
  };
}

export function fitRasch(mat: ScoreMatrix, items: readonly ItemSpec[], options: RaschOptions = {}): RaschResult {
  assertShape(mat, items);
  const missing = options.missing ?? 'zero';
  const nq = options.quadraturePoints ?? 41;
  const sigmaOpt = options.sigma ?? 'estimate';
  if (sigmaOpt !== 'estimate' && !(sigmaOpt > 0)) throw new RangeError('a fixed sigma must be positive');
  const maxIterations = options.maxIterations ?? 500;
  const tol = options.tolerance ?? 1e-7;
  const d = design(mat, items, missing);
  const { nodes, weights } = gaussHermiteNormal(nq);
  const estimateSigma = sigmaOpt === 'estimate';
  // Anchored calibration: which parameters are held fixed, and the start of the free ones.
  const fixedSteps = options.fixed ?? {};
  const isFixed = new Uint8Array(d.pd);
  let nFixedItems = 0;
  let startMu = 0;
  d.ids.forEach((id, j) => {
    const f = fixedSteps[id];
    if (!f) return;
    if (f.length !== d.m[j] || !f.every(Number.isFinite))
      throw new RangeError(`fixed steps of ${id}: expected ${d.m[j]} finite values, got ${f.length}`);
    nFixedItems++;
    for (let h = 0; h < d.m[j]; h++) {
      // The log-odds start values sit on a scale centred near the sample: their offset from the
      // fixed values starts μ (and the free items move with it).
      startMu += f[h] - d.start[d.off[j] + h];
      isFixed[d.off[j] + h] = 1;
    }
  });
  const estimateMean = nFixedItems > 0;
  if (options.fixed && Object.keys(options.fixed).length > 0 && !estimateMean)
    throw new RangeError('none of the fixed items is calibrated (unknown id, dropped or excluded): the scale has no anchor');
  if (estimateMean) {
    let nf = 0;
    for (let a = 0; a < d.pd; a++) nf += isFixed[a];
    startMu /= nf;
  }
  const model = new MarginalLikelihood(d, nodes, weights, estimateSigma, estimateSigma ? 1 : sigmaOpt, estimateMean, 0);
  const P = model.P;
  const freeIdx: number[] = [];
  for (let a = 0; a < P; a++) if (a >= d.pd || !isFixed[a]) freeIdx.push(a);
  const F = freeIdx.length;
  const pos = new Int32Array(P).fill(-1);
  freeIdx.forEach((a, i) => (pos[a] = i));
  const sub = (mat: Float64Array) => {
    const out = new Float64Array(F * F);
    for (let x = 0; x < F; x++) for (let y = 0; y < F; y++) out[x * F + y] = mat[freeIdx[x] * P + freeIdx[y]];
    return out;
  };
  const N = mat.nStudents;
  const nanArray = () => new Float64Array(N).fill(NaN);
  const persons = { rawScore: nanArray(), maxScore: nanArray(), eap: nanArray(), eapSE: nanArray(), wle: nanArray(), wleSE: nanArray() };
  const muText = estimateMean ? 'μ' : '0';
  const method = `MML (Newton–Raphson, Louis information), ${estimateSigma ? `θ ~ N(${muText}, σ²), σ estimated` : `θ ~ N(${muText}, ${sigmaOpt}²)`}${estimateMean ? `, μ estimated with ${nFixedItems} item(s) fixed` : ''}, ${nq}-point Gauss–Hermite; abilities EAP and WLE`;

  if (d.cols.length === 0 || d.gN.length === 0) {
    return {
      method,
      estimation: 'MML',
      sigmaEstimated: estimateSigma,
      converged: false,
      iterations: 0,
      logLikelihood: NaN,
      quadraturePoints: nq,
      mean: 0,
      meanEstimated: false,
      meanSE: null,
      sigma: NaN,
      sigmaSE: null,
      items: [],
      excluded: d.excluded,
      parameters: [],
      covariance: null,
      persons,
    };
  }

  let beta: Float64Array = new Float64Array(P);
  beta.set(d.start);
  if (estimateSigma) beta[d.pd] = 1;
  if (estimateMean) {
    beta[model.meanIndex] = startMu;
    d.ids.forEach((id, j) => {
      const f = fixedSteps[id];
      for (let h = 0; h < d.m[j]; h++) beta[d.off[j] + h] = f ? f[h] : d.start[d.off[j] + h] + startMu;
    });
  }
  let ev = model.evaluate(beta, true);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const directions: Float64Array[] = [];
    const gFree = freeIdx.map((a) => ev.grad[a]);
    const expand = (x: Float64Array) => {
      const full = new Float64Array(P);
      freeIdx.forEach((a, i) => (full[a] = x[i]));
      return full;
    };
    const lObs = cholesky(sub(ev.info!), F);
    if (lObs) directions.push(expand(choleskySolve(lObs, F, gFree)));
    const lCom = cholesky(sub(ev.complete!), F);
    if (lCom) directions.push(expand(choleskySolve(lCom, F, gFree)));
    let accepted: { beta: Float64Array; ev: Evaluation; change: number } | null = null;
    for (const dir of directions) {
      let step = 1;
      for (let halving = 0; halving < 40 && !accepted; halving++, step /= 2) {
        const cand = new Float64Array(P);
        let change = 0;
        for (let a = 0; a < P; a++) {
          cand[a] = beta[a] + step * dir[a];
          change = Math.max(change, Math.abs(step * dir[a]));
        }
        if (estimateSigma && !(cand[d.pd] > 1e-3)) continue;
        const cev = model.evaluate(cand, true);
        if (cev.ll >= ev.ll - 1e-10 * (1 + Math.abs(ev.ll))) accepted = { beta: cand, ev: cev, change };
      }
      if (accepted) break;
    }
    if (!accepted) {
      // No direction raises the likelihood any more: at the optimum to machine precision, if the
      // gradient agrees.
      converged = freeIdx.every((a) => Math.abs(ev.grad[a]) < 1e-6 * (1 + Math.abs(ev.ll)));
      break;
    }
    beta = accepted.beta;
    ev = accepted.ev;
    if (accepted.change < tol) converged = true;
  }

  // Covariance of the free parameters; fixed ones have none (cv(a, b) = 0, se = null).
  const lInfo = cholesky(sub(ev.info!), F);
  const cov = lInfo ? choleskyInverse(lInfo, F) : null;
  const cv = (a: number, b: number) => (pos[a] < 0 || pos[b] < 0 ? 0 : cov![pos[a] * F + pos[b]]);
  const se = (a: number) => (cov && pos[a] >= 0 && cv(a, a) > 0 ? Math.sqrt(cv(a, a)) : null);

  const outItems: RaschItem[] = d.cols.map((col, j) => {
    const it = items[col];
    const o = d.off[j];
    const mj = d.m[j];
    const thresholds: RaschThreshold[] = [];
    let sum = 0;
    for (let h = 1; h <= mj; h++) {
      thresholds.push({ step: h, estimate: beta[o + h - 1], se: se(o + h - 1) });
      sum += beta[o + h - 1];
    }
    let varLoc: number | null = null;
    if (cov) {
      let v = 0;
      for (let a = o; a < o + mj; a++) for (let b = o; b < o + mj; b++) v += cv(a, b);
      varLoc = v / (mj * mj);
    }
    return {
      id: it.id,
      column: col,
      type: it.type,
      maxScore: mj,
      difficulty: sum / mj,
      se: varLoc !== null && varLoc > 0 ? Math.sqrt(varLoc) : null,
      thresholds,
      n: d.nItem[j],
      ...(isFixed[o] ? { fixed: true as const } : {}),
    };
  });

  // Abilities per group, then per student.
  const sigma = model.sigmaOf(beta);
  const mu = model.meanOf(beta);
  const Q = nodes.length;
  const G = d.gN.length;
  const gEap = new Float64Array(G);
  const gEapSE = new Float64Array(G);
  const gWle = new Float64Array(G);
  const gWleSE = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let m1 = 0;
    let m2 = 0;
    for (let q = 0; q < Q; q++) {
      const t = mu + sigma * nodes[q];
      m1 += ev.post[g * Q + q] * t;
      m2 += ev.post[g * Q + q] * t * t;
    }
    gEap[g] = m1;
    gEapSE[g] = Math.sqrt(Math.max(0, m2 - m1 * m1));
    const wl = wle(d.gR[g], d.maskItems[d.gMask[g]], d, beta);
    gWle[g] = wl.theta;
    gWleSE[g] = wl.se;
  }
  for (let s = 0; s < N; s++) {
    const g = d.personGroup[s];
    if (g < 0) continue;
    persons.rawScore[s] = d.gR[g];
    persons.maxScore[s] = d.maskMax[d.gMask[g]];
    persons.eap[s] = gEap[g];
    persons.eapSE[s] = gEapSE[g];
    persons.wle[s] = gWle[g];
    persons.wleSE[s] = gWleSE[g];
  }

  return {
    method,
    estimation: 'MML',
    sigmaEstimated: estimateSigma,
    converged,
    iterations,
    logLikelihood: ev.ll,
    quadraturePoints: nq,
    mean: mu,
    meanEstimated: estimateMean,
    meanSE: estimateMean ? se(model.meanIndex) : null,
    sigma,
    sigmaSE: estimateSigma ? se(d.pd) : null,
    items: outItems,
    excluded: d.excluded,
    parameters: [
      ...d.ids.flatMap((id, j) => Array.from({ length: d.m[j] }, (_, h) => `${id}#${h + 1}`)).filter((_, a) => !isFixed[a]),
      ...(estimateSigma ? ['sigma'] : []),
      ...(estimateMean ? ['mean'] : []),
    ],
    covariance: cov,
    persons,
  };
}
