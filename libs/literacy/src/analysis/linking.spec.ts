import { anchorPairs, anchoredCalibration, meanMeanLink } from './linking';
import { fitRasch, raschLikelihood } from './rasch';
import { simulate } from './simulate.fixture';
import type { ItemSpec } from './types';

/*
 * Two years' forms of 30 dichotomous items sharing 10 anchors (A01–A10). Year 1 (U items) is
 * calibrated freely and becomes the bank. Year 2's population is 0.3 logit more able and anchor
 * A04 has drifted 1.0 logit harder. θ ~ N(μ, 1) against difficulty b is simulated as
 * θ ~ N(0, 1) against b − μ (the Rasch likelihood only sees θ − b).
 */
const N = 3000;
const SHIFT = 0.3;
const DRIFT = 1.0;
const DRIFTER = 'A04';
const anchorB = Array.from({ length: 10 }, (_, i) => -1.8 + 0.4 * i);
const year1B = [...anchorB, ...Array.from({ length: 20 }, (_, i) => -1.9 + 0.2 * i)];
const year2B = [...anchorB, ...Array.from({ length: 20 }, (_, i) => -1.7 + 0.19 * i)];
const ids = (prefix: string) => [
  ...anchorB.map((_, i) => `A${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 20 }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`),
];
const named = (items: ItemSpec[], names: string[]) => items.map((it, j) => ({ ...it, id: names[j] }));

const y1 = simulate(N, year1B.map((b) => [b]), { seed: 2025 });
const items1 = named(y1.items, ids('U'));
const y2 = simulate(N, year2B.map((b, j) => [b - SHIFT + (items1[j]?.id === DRIFTER && j < 10 ? DRIFT : 0)]), { seed: 2026 });
const items2 = named(y2.items, ids('V'));
const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
};
// The samples' own shift: the bank's origin is year 1's sample mean (MML fixes the estimated
// population mean at 0), so this is what linking recovers up to its own error.
const realised = mean(y2.thetas) + SHIFT - mean(y1.thetas);
// The samples' means differ from their populations' by ≈ σ/√N each; comparing with the nominal
// 0.3 must allow for that on top of the linking SE.
const sampling = Math.sqrt(2 / N);

const bank1 = fitRasch(y1.matrix, items1);
const bankDifficulty: Record<string, number> = {};
const bankSteps: Record<string, number[]> = {};
for (const it of bank1.items) if (it.id.startsWith('A')) {
  bankDifficulty[it.id] = it.difficulty;
  bankSteps[it.id] = it.thresholds.map((t) => t.estimate);
}
const free2 = fitRasch(y2.matrix, items2);

describe('mean–mean anchor linking', () => {
  const pairs = anchorPairs(bankDifficulty, free2);

  it('flags the drifted anchor, and only it', () => {
    expect(pairs).toHaveLength(10);
    const link = meanMeanLink(pairs);
    expect(link.anchors.filter((a) => a.flagged).map((a) => a.id)).toEqual([DRIFTER]);
    const drifter = link.anchors.find((a) => a.id === DRIFTER)!;
    expect(drifter.rules).toEqual(['displacement', 'robust-z']);
    // Its displacement is ≈ 1 logit below the others'.
    expect(drifter.residual).toBeLessThan(-0.7);
    // Kept in, it biases the constant by about −DRIFT/10.
    expect(link.n).toBe(10);
    expect(link.constant).toBeLessThan(realised - 0.05);
  });

  it('with the drifted anchor dropped, recovers the +0.3 shift within 2 SE', () => {
    const link = meanMeanLink(pairs, { dropDrifting: true });
    expect(link.n).toBe(9);
    expect(link.anchors.filter((a) => !a.used).map((a) => a.id)).toEqual([DRIFTER]);
    expect(link.anchors.filter((a) => a.flagged).map((a) => a.id)).toEqual([DRIFTER]);
    const se = link.se!;
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(link.constant - realised)).toBeLessThan(2 * se);
    expect(Math.abs(link.constant - SHIFT)).toBeLessThan(2 * Math.hypot(se, sampling));
    // The brief's literal criterion (holds for this seed: 0.3073, SE 0.0134).
    expect(Math.abs(link.constant - SHIFT)).toBeLessThan(2 * se);
  });

  it('arithmetic: constant = mean(bank − current), SE = sd/√n, robust z by median/MAD', () => {
    const anchors = [
      { id: 'a', bank: 0.0, current: -0.3 },
      { id: 'b', bank: 1.0, current: 0.6 },
      { id: 'c', bank: -1.0, current: -1.2 },
      { id: 'd', bank: 0.5, current: 0.2 },
      { id: 'e', bank: 2.0, current: 0.9 },
    ];
    // d = 0.3, 0.4, 0.2, 0.3, 1.1: mean 0.46; sd = √(Σ(d − 0.46)²/4)
    const d = [0.3, 0.4, 0.2, 0.3, 1.1];
    const c = 0.46;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - c) ** 2, 0) / 4);
    const link = meanMeanLink(anchors);
    expect(link.constant).toBeCloseTo(c, 12);
    expect(link.se!).toBeCloseTo(sd / Math.sqrt(5), 12);
    // median 0.3, MAD = median(0, 0.1, 0.1, 0, 0.8) = 0.1 → scale 0.14826
    expect(link.anchors[4].robustZ).toBeCloseTo(0.8 / 0.14826, 10);
    expect(link.anchors.map((a) => a.flagged)).toEqual([false, false, false, false, true]);
    expect(link.anchors[4].rules).toEqual(['displacement', 'robust-z']);
    const dropped = meanMeanLink(anchors, { dropDrifting: true });
    expect(dropped.constant).toBeCloseTo(0.3, 12);
    expect(dropped.n).toBe(4);
    // Never below minAnchors.
    expect(meanMeanLink(anchors, { dropDrifting: true, minAnchors: 5 }).n).toBe(5);
  });
});

describe('fixed-parameter (anchored) calibration', () => {
  it('with the stable anchors fixed at bank values, recovers the +0.3 shift within 2 SE', () => {
    const stable = meanMeanLink(anchorPairs(bankDifficulty, free2), { dropDrifting: true })
      .anchors.filter((a) => a.used)
      .map((a) => a.id);
    const res = anchoredCalibration(y2.matrix, items2, bankSteps, { anchors: stable });
    expect(res.fit.converged).toBe(true);
    expect(res.anchors).toEqual(stable);
    expect(res.fit.meanEstimated).toBe(true);
    const se = res.meanSE!;
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(res.mean - realised)).toBeLessThan(2 * se);
    expect(Math.abs(res.mean - SHIFT)).toBeLessThan(2 * Math.hypot(se, sampling));
    // The brief's literal criterion (holds for this seed: 0.3045, SE 0.0233).
    expect(Math.abs(res.mean - SHIFT)).toBeLessThan(2 * se);
    // Anchors kept their bank values; the new items are on the bank scale (true b of V items
    // relative to year 1's origin: b − mean(θ₁)).
    for (const it of res.fit.items) {
      if (it.fixed) {
        expect(it.difficulty).toBe(bankDifficulty[it.id]);
        expect(it.se).toBeNull();
      }
    }
    const v = res.fit.items.filter((it) => it.id.startsWith('V'));
    expect(v).toHaveLength(20);
    const err = mean(v.map((it, k) => it.difficulty - (year2B[10 + k] - mean(y1.thetas))));
    expect(Math.abs(err)).toBeLessThan(0.06);
    // Only the unfixed anchor A04 is a free parameter.
    expect(res.fit.parameters.filter((p) => p.startsWith('A'))).toEqual([`${DRIFTER}#1`]);
    expect(res.fit.parameters.slice(-2)).toEqual(['sigma', 'mean']);
  });

  it('fixing the drifted anchor too pulls the shift down', () => {
    const all = anchoredCalibration(y2.matrix, items2, bankSteps);
    const stable = anchoredCalibration(y2.matrix, items2, bankSteps, { anchors: Object.keys(bankSteps).filter((id) => id !== DRIFTER) });
    expect(all.anchors).toHaveLength(10);
    expect(all.mean).toBeLessThan(stable.mean - 0.03);
  });

  it('without anchors the mean stays fixed at 0, as before', () => {
    expect(free2.meanEstimated).toBe(false);
    expect(free2.mean).toBe(0);
    expect(free2.meanSE).toBeNull();
  });

  it('refuses fixed steps of the wrong length and anchors absent from the bank', () => {
    expect(() => fitRasch(y2.matrix, items2, { fixed: { A01: [0, 1] } })).toThrow(/expected 1/);
    expect(() => anchoredCalibration(y2.matrix, items2, bankSteps, { anchors: ['Z99'] })).toThrow(/no bank parameters/);
    expect(() => fitRasch(y2.matrix, items2, { fixed: { Z99: [0] } })).toThrow(/no anchor/);
  });
});

describe('derivatives with the mean μ in the parameter vector', () => {
  // Partial credit, missing not administered, σ and μ both free: every new term of the
  // gradient and Louis information against finite differences.
  const sim = simulate(400, [[-1], [0.3], [1], [-0.5, 0.7], [-1, 0, 1.2], [0.2]], { seed: 7, sigma: 1.1, missingRate: 0.1 });
  it('gradient and information agree with finite differences', () => {
    const lik = raschLikelihood(sim.matrix, sim.items, { missing: 'exclude', quadraturePoints: 21, fixed: { Q01: [-1] } });
    const P = lik.size;
    const beta = lik.start.map((v, i) => v + 0.1 * Math.sin(i + 1));
    beta[P - 1] = 0.25; // μ
    const at = lik.evaluate(beta);
    const h = 1e-5;
    for (let a = 0; a < P; a++) {
      const up = beta.slice();
      const down = beta.slice();
      up[a] += h;
      down[a] -= h;
      const fu = lik.evaluate(up);
      const fd = lik.evaluate(down);
      expect(at.gradient[a]).toBeCloseTo((fu.logLikelihood - fd.logLikelihood) / (2 * h), 4);
      for (let b = 0; b < P; b++) {
        const numeric = -(fu.gradient[b] - fd.gradient[b]) / (2 * h);
        expect(Math.abs(at.information[a * P + b] - numeric)).toBeLessThan(1e-5 * (1 + Math.abs(numeric)));
      }
    }
  });
});
