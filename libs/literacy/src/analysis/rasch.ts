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
  /** Mean of the ability distribution, fixed at 0 (identifies the scale). */
  mean: 0;
  sigma: number;
  /** null when σ was fixed. */
  sigmaSE: number | null;
  items: RaschItem[];
  excluded: { id: string; column: number; reason: RaschExclusionReason }[];
  /** Names of the fitted parameters: `<item id>#<step>` for each step difficulty, then `sigma` if estimated. */
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

/** Warm's weighted likelihood estimate for raw score r on the given items. */
function wle(r: number, itemsTaken: Int32Array, d: Design, beta: Float64Array): { theta: number; se: number } {
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
 * parameter vector (order as `RaschResult.parameters`). For checks and diagnostics: the tests use
 * it to compare the analytic derivatives with finite differences.
 */
export function raschLikelihood(mat: ScoreMatrix, items: readonly ItemSpec[], options: RaschOptions = {}) {
  assertShape(mat, items);
  const sigmaOpt = options.sigma ?? 'estimate';
  const d = design(mat, items, options.missing ?? 'zero');
  const { nodes, weights } = gaussHermiteNormal(options.quadraturePoints ?? 41);
  const model = new MarginalLikelihood(d, nodes, weights, sigmaOpt === 'estimate', sigmaOpt === 'estimate' ? 1 : sigmaOpt);
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
  const model = new MarginalLikelihood(d, nodes, weights, estimateSigma, estimateSigma ? 1 : sigmaOpt);
  const P = model.P;
  const N = mat.nStudents;
  const nanArray = () => new Float64Array(N).fill(NaN);
  const persons = { rawScore: nanArray(), maxScore: nanArray(), eap: nanArray(), eapSE: nanArray(), wle: nanArray(), wleSE: nanArray() };
  const method = `MML (Newton–Raphson, Louis information), ${estimateSigma ? 'θ ~ N(0, σ²), σ estimated' : `θ ~ N(0, ${sigmaOpt}²)`}, ${nq}-point Gauss–Hermite; abilities EAP and WLE`;

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
  let ev = model.evaluate(beta, true);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const directions: Float64Array[] = [];
    const lObs = cholesky(ev.info!, P);
    if (lObs) directions.push(choleskySolve(lObs, P, ev.grad));
    const lCom = cholesky(ev.complete!, P);
    if (lCom) directions.push(choleskySolve(lCom, P, ev.grad));
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
      converged = ev.grad.every((g) => Math.abs(g) < 1e-6 * (1 + Math.abs(ev.ll)));
      break;
    }
    beta = accepted.beta;
    ev = accepted.ev;
    if (accepted.change < tol) converged = true;
  }

  const lInfo = cholesky(ev.info!, P);
  const cov = lInfo ? choleskyInverse(lInfo, P) : null;
  const se = (a: number) => (cov && cov[a * P + a] > 0 ? Math.sqrt(cov[a * P + a]) : null);

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
      for (let a = o; a < o + mj; a++) for (let b = o; b < o + mj; b++) v += cov[a * P + b];
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
    };
  });

  // Abilities per group, then per student.
  const sigma = model.sigmaOf(beta);
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
      const t = sigma * nodes[q];
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
    mean: 0,
    sigma,
    sigmaSE: estimateSigma ? se(d.pd) : null,
    items: outItems,
    excluded: d.excluded,
    parameters: [...d.ids.flatMap((id, j) => Array.from({ length: d.m[j] }, (_, h) => `${id}#${h + 1}`)), ...(estimateSigma ? ['sigma'] : [])],
    covariance: cov,
    persons,
  };
}
