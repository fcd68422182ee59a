import { itemAt, type Design } from './rasch-design';
/*
 * The marginal log-likelihood of the partial credit model over the design's groups, with its
 * gradient and observed (Louis) and complete-data information (see rasch.ts for the method).
 *
 * Parameters: the step difficulties (d.pd of them), then σ if estimated, then the mean μ of
 * θ ~ N(μ, σ²) if estimated. μ is only identified when some item difficulties are held fixed
 * (anchored calibration, see linking.ts); it enters as θ_q = μ + σ·z_q, so its score is that of
 * σ without the factor z_q.
 */
export interface Evaluation {
  ll: number;
  grad: Float64Array;
  /** Observed information (Louis). */
  info: Float64Array | null;
  /** Expected complete-data information (EM-gradient metric). */
  complete: Float64Array | null;
  post: Float64Array;
}

export class MarginalLikelihood {
  readonly Q: number;
  readonly P: number;
  constructor(
    readonly d: Design,
    readonly z: Float64Array,
    readonly w: Float64Array,
    readonly estimateSigma: boolean,
    readonly fixedSigma: number,
    readonly estimateMean = false,
    readonly fixedMean = 0,
  ) {
    this.Q = z.length;
    this.P = d.pd + (estimateSigma ? 1 : 0) + (estimateMean ? 1 : 0);
  }

  /** Index of μ in the parameter vector (when estimated). */
  get meanIndex(): number {
    return this.d.pd + (this.estimateSigma ? 1 : 0);
  }

  sigmaOf(beta: Float64Array): number {
    return this.estimateSigma ? beta[this.d.pd] : this.fixedSigma;
  }

  meanOf(beta: Float64Array): number {
    return this.estimateMean ? beta[this.meanIndex] : this.fixedMean;
  }

  evaluate(beta: Float64Array, withInfo: boolean): Evaluation {
    const { d, Q, P, z, w } = this;
    const J = d.m.length;
    const pd = d.pd;
    const sigma = this.sigmaOf(beta);
    const mu = this.meanOf(beta);
    const theta = new Float64Array(Q);
    for (let q = 0; q < Q; q++) theta[q] = mu + sigma * z[q];

    // Item quantities at every node.
    const logZ = new Float64Array(J * Q);
    const E = new Float64Array(J * Q);
    const V = new Float64Array(J * Q);
    const pi = new Float64Array(pd * Q);
    const covX = new Float64Array(pd * Q);
    const p = new Float64Array(Math.max(2, ...d.m) + 1);
    for (let j = 0; j < J; j++) {
      const mj = d.m[j];
      for (let q = 0; q < Q; q++) {
        logZ[j * Q + q] = itemAt(theta[q], beta, d.off[j], mj, p);
        let e = 0;
        let e2 = 0;
        for (let k = 1; k <= mj; k++) {
          e += k * p[k];
          e2 += k * k * p[k];
        }
        E[j * Q + q] = e;
        V[j * Q + q] = e2 - e * e;
        let tail = 0;
        let tailK = 0;
        for (let h = mj; h >= 1; h--) {
          tail += p[h];
          tailK += h * p[h];
          const a = d.off[j] + h - 1;
          pi[a * Q + q] = tail;
          covX[a * Q + q] = tailK - tail * e;
        }
      }
    }

    // Per items-taken pattern: Σ log Z and Σ E over its items.
    const nMask = d.maskItems.length;
    const S = new Float64Array(nMask * Q);
    const M = new Float64Array(nMask * Q);
    for (let mi = 0; mi < nMask; mi++) {
      for (const j of d.maskItems[mi]) {
        for (let q = 0; q < Q; q++) {
          S[mi * Q + q] += logZ[j * Q + q];
          M[mi * Q + q] += E[j * Q + q];
        }
      }
    }

    // Posterior over the nodes for every group.
    const G = d.gN.length;
    const post = new Float64Array(G * Q);
    const W = new Float64Array(nMask * Q);
    const R = new Float64Array(Q);
    const logw = new Float64Array(Q);
    for (let q = 0; q < Q; q++) logw[q] = Math.log(w[q]);
    let ll = 0;
    for (let g = 0; g < G; g++) {
      const mi = d.gMask[g];
      const r = d.gR[g];
      let max = -Infinity;
      for (let q = 0; q < Q; q++) {
        const v = logw[q] + r * theta[q] - S[mi * Q + q];
        post[g * Q + q] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let q = 0; q < Q; q++) {
        const v = Math.exp(post[g * Q + q] - max);
        post[g * Q + q] = v;
        sum += v;
      }
      ll += d.gN[g] * (max + Math.log(sum));
      const n = d.gN[g];
      for (let q = 0; q < Q; q++) {
        const v = post[g * Q + q] / sum;
        post[g * Q + q] = v;
        W[mi * Q + q] += n * v;
        R[q] += n * r * v;
      }
    }
    for (let a = 0; a < pd; a++) ll -= beta[a] * d.T[a];

    // Expected number of students taking item j at node q.
    const Nq = new Float64Array(J * Q);
    for (let mi = 0; mi < nMask; mi++)
      for (const j of d.maskItems[mi]) for (let q = 0; q < Q; q++) Nq[j * Q + q] += W[mi * Q + q];

    const grad = new Float64Array(P);
    for (let j = 0; j < J; j++) {
      for (let h = 1; h <= d.m[j]; h++) {
        const a = d.off[j] + h - 1;
        let s = -d.T[a];
        for (let q = 0; q < Q; q++) s += Nq[j * Q + q] * pi[a * Q + q];
        grad[a] = s;
      }
    }
    const sg = pd; // index of σ when estimated
    if (this.estimateSigma) {
      let s = 0;
      for (let q = 0; q < Q; q++) s += z[q] * R[q];
      for (let j = 0; j < J; j++) for (let q = 0; q < Q; q++) s -= z[q] * Nq[j * Q + q] * E[j * Q + q];
      grad[sg] = s;
    }
    const mg = this.meanIndex; // index of μ when estimated
    if (this.estimateMean) {
      let s = 0;
      for (let q = 0; q < Q; q++) s += R[q];
      for (let j = 0; j < J; j++) for (let q = 0; q < Q; q++) s -= Nq[j * Q + q] * E[j * Q + q];
      grad[mg] = s;
    }
    if (!withInfo) return { ll, grad, info: null, complete: null, post };

    // A: expected complete-data information (block diagonal by item, plus the σ row).
    const A = new Float64Array(P * P);
    for (let j = 0; j < J; j++) {
      const o = d.off[j];
      const mj = d.m[j];
      for (let h = 1; h <= mj; h++) {
        for (let h2 = 1; h2 <= h; h2++) {
          const a = o + h - 1;
          const b = o + h2 - 1;
          let s = 0;
          for (let q = 0; q < Q; q++) s += Nq[j * Q + q] * (pi[a * Q + q] - pi[a * Q + q] * pi[b * Q + q]);
          A[a * P + b] = s;
          A[b * P + a] = s;
        }
        if (this.estimateSigma) {
          const a = o + h - 1;
          let s = 0;
          for (let q = 0; q < Q; q++) s -= Nq[j * Q + q] * z[q] * covX[a * Q + q];
          A[a * P + sg] = s;
          A[sg * P + a] = s;
        }
        if (this.estimateMean) {
          const a = o + h - 1;
          let s = 0;
          for (let q = 0; q < Q; q++) s -= Nq[j * Q + q] * covX[a * Q + q];
          A[a * P + mg] = s;
          A[mg * P + a] = s;
        }
      }
    }
    if (this.estimateSigma) {
      let s = 0;
      for (let j = 0; j < J; j++) for (let q = 0; q < Q; q++) s += z[q] * z[q] * Nq[j * Q + q] * V[j * Q + q];
      A[sg * P + sg] = s;
    }
    if (this.estimateMean) {
      let s = 0;
      let sz = 0;
      for (let j = 0; j < J; j++)
        for (let q = 0; q < Q; q++) {
          s += Nq[j * Q + q] * V[j * Q + q];
          sz += z[q] * Nq[j * Q + q] * V[j * Q + q];
        }
      A[mg * P + mg] = s;
      if (this.estimateSigma) {
        A[mg * P + sg] = sz;
        A[sg * P + mg] = sz;
      }
    }

    // B: Σ over students of the posterior covariance of the complete-data score. Its δ–δ part
    // needs, for every pair of items, the expected number of students at each node who took both:
    // U_jk = Σ over patterns containing j and k of W. Summing over each pattern's *missing* items
    // (total − missing j − missing k + missing both) keeps this cheap when there are many
    // patterns with a few gaps each.
    const B = new Float64Array(P * P);
    const Wtot = new Float64Array(Q);
    const X = new Float64Array(J * Q);
    const Y = new Float64Array(J * J * Q);
    const inMask = new Uint8Array(J);
    for (let mi = 0; mi < nMask; mi++) {
      for (let q = 0; q < Q; q++) Wtot[q] += W[mi * Q + q];
      const itemsTaken = d.maskItems[mi];
      if (itemsTaken.length === J) continue;
      inMask.fill(0);
      for (const j of itemsTaken) inMask[j] = 1;
      const gaps: number[] = [];
      for (let j = 0; j < J; j++) if (!inMask[j]) gaps.push(j);
      for (const j of gaps) {
        for (let q = 0; q < Q; q++) X[j * Q + q] += W[mi * Q + q];
        for (const k of gaps) for (let q = 0; q < Q; q++) Y[(j * J + k) * Q + q] += W[mi * Q + q];
      }
    }
    for (let j = 0; j < J; j++) {
      for (let k = 0; k <= j; k++) {
        for (let h = 0; h < d.m[j]; h++) {
          const a = d.off[j] + h;
          const hMax = k === j ? h : d.m[k] - 1;
          for (let h2 = 0; h2 <= hMax; h2++) {
            const b = d.off[k] + h2;
            let s = 0;
            for (let q = 0; q < Q; q++) {
              const u = Wtot[q] - X[j * Q + q] - X[k * Q + q] + Y[(j * J + k) * Q + q];
              s += u * pi[a * Q + q] * pi[b * Q + q];
            }
            B[a * P + b] = s;
          }
        }
      }
    }
    const bar = new Float64Array(pd);
    for (let g = 0; g < G; g++) {
      const mi = d.gMask[g];
      const n = d.gN[g];
      const r = d.gR[g];
      const params: number[] = [];
      for (const j of d.maskItems[mi]) for (let h = 0; h < d.m[j]; h++) params.push(d.off[j] + h);
      let tbar = 0;
      let t2 = 0;
      // μ's complete-data score at node q is u = r − M (σ's is t = z·u).
      let ubar = 0;
      let u2 = 0;
      let tu = 0;
      for (const a of params) bar[a] = 0;
      const cross = this.estimateSigma ? new Float64Array(params.length) : null;
      const crossU = this.estimateMean ? new Float64Array(params.length) : null;
      for (let q = 0; q < Q; q++) {
        const pq = post[g * Q + q];
        const u = r - M[mi * Q + q];
        const t = z[q] * u;
        tbar += pq * t;
        t2 += pq * t * t;
        ubar += pq * u;
        u2 += pq * u * u;
        tu += pq * t * u;
        for (let x = 0; x < params.length; x++) {
          const v = pq * pi[params[x] * Q + q];
          bar[params[x]] += v;
          if (cross) cross[x] += v * t;
          if (crossU) crossU[x] += v * u;
        }
      }
      for (let x = 0; x < params.length; x++) {
        const a = params[x];
        const na = n * bar[a];
        for (let y = 0; y <= x; y++) B[a * P + params[y]] -= na * bar[params[y]];
        if (cross) B[sg * P + a] += n * (cross[x] - bar[a] * tbar);
        if (crossU) B[mg * P + a] += n * (crossU[x] - bar[a] * ubar);
      }
      if (this.estimateSigma) B[sg * P + sg] += n * (t2 - tbar * tbar);
      if (this.estimateMean) {
        B[mg * P + mg] += n * (u2 - ubar * ubar);
        if (this.estimateSigma) B[mg * P + sg] += n * (tu - tbar * ubar);
      }
    }
    // B was filled in its lower triangle (params ascend within a mask, then σ, then μ): mirror it.
    const info = new Float64Array(P * P);
    for (let a = 0; a < P; a++) {
      for (let b = 0; b <= a; b++) {
        const v = A[a * P + b] - B[a * P + b];
        info[a * P + b] = v;
        info[b * P + a] = v;
      }
    }
    return { ll, grad, info, complete: A, post };
  }
}
