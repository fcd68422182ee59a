import { lsatRows } from './lsat.fixture';
import { fitRasch, raschLikelihood } from './rasch';
import { simulate, thirtyItemSteps } from './simulate.fixture';
import { scoreMatrix, type ItemSpec } from './types';

const dich = (n: number): ItemSpec[] =>
  Array.from({ length: n }, (_, i) => ({ id: `Item ${i + 1}`, area: 'LSAT', type: 'dichotomous', maxScore: 1 }));

/*
 * Verification against published estimates for the LSAT data (Bock & Lieberman 1970; the `LSAT`
 * data set of the R package ltm, 1000 examinees × 5 items — see lsat.fixture.ts).
 *
 * ltm's rasch() fits the same model the same way: marginal ML with 21-point Gauss–Hermite
 * quadrature and θ ~ N(0, 1) in P(correct) = logistic(a(θ − b)). Its figures below are from
 * - rasch(LSAT, constraint = cbind(ncol(LSAT) + 1, 1)) (a fixed at 1): difficulties, log-likelihood
 *   and EAP scores (factor.scores(method = "EAP")) as exported by ltm in the public repository
 *   Paulius-Satkus/IRT_Basics, tests/ltm_reference/lsat_rasch_fixed_params.csv,
 *   lsat_rasch_fixed_loglik.txt and lsat_rasch_fixed_eap.csv;
 * - summary(rasch(LSAT)) (a estimated): printed in Reginald Ziedzor's "Bayesian IRT" R Markdown
 *   (2020): log.Lik −2466.938; Dffclt (std.err) −3.6153 (0.3266), −1.3224 (0.1422),
 *   −0.3176 (0.0977), −1.7301 (0.1691), −2.7802 (0.2510); Dscrmn 0.7551 (0.0694).
 *   With a estimated, ltm's model is ours with σ = a and step difficulty δ_j = a·b_j.
 *
 * Our figures agree with ltm's full-precision ones to about 3e-7 logits. Tolerances: 2e-4 on the
 * full-precision figures and 6e-4 on those printed with 4 decimals (rounding plus the optimisers'
 * own stopping rules). A slip in the method fails them by far more (last test of the block):
 * estimating σ where ltm fixed it moves the difficulties by 0.14 logits, a coarse 5-point
 * quadrature by 1e-3.
 */
describe('Rasch MML, verified on LSAT against ltm', () => {
  const m = scoreMatrix(lsatRows());

  it('the fixture is the published data: 1000 examinees, proportions correct .924 .709 .553 .763 .870', () => {
    expect(m.nStudents).toBe(1000);
    const p = [0, 1, 2, 3, 4].map((i) => lsatRows().reduce((s, r) => s + r[i], 0) / 1000);
    expect(p).toEqual([0.924, 0.709, 0.553, 0.763, 0.87]);
  });

  it('σ fixed at 1: item difficulties, log-likelihood and EAP abilities as ltm', () => {
    const fit = fitRasch(m, dich(5), { sigma: 1, quadraturePoints: 21 });
    expect(fit.converged).toBe(true);
    const ltm = [-2.87197119854978, -1.06302941844366, -0.257610878680845, -1.38805883083614, -2.21877845496312];
    fit.items.forEach((it, j) => expect(Math.abs(it.difficulty - ltm[j])).toBeLessThan(2e-4));
    expect(Math.abs(fit.logLikelihood - -2473.054)).toBeLessThan(1e-3);

    // EAP by raw score 0..5 (ltm: posterior mean and SD of z).
    const eap: Record<number, [number, number]> = {
      0: [-2.03759755584077, 0.71765370543659],
      1: [-1.52818157628899, 0.711884917057041],
      2: [-1.01810074980859, 0.718612902718701],
      3: [-0.489056154131599, 0.73825335348827],
      4: [0.07898557879585, 0.771198758817659],
      5: [0.707796804809899, 0.81630466101927],
    };
    for (let s = 0; s < 1000; s++) {
      const [theta, se] = eap[fit.persons.rawScore[s]];
      expect(Math.abs(fit.persons.eap[s] - theta)).toBeLessThan(2e-4);
      expect(Math.abs(fit.persons.eapSE[s] - se)).toBeLessThan(2e-4);
    }
  });

  it('σ estimated: σ, difficulties, their standard errors and the log-likelihood as ltm', () => {
    const fit = fitRasch(m, dich(5), { quadraturePoints: 21 });
    expect(fit.converged).toBe(true);
    const a = fit.sigma;
    expect(Math.abs(a - 0.7551)).toBeLessThan(6e-4);
    expect(Math.abs(fit.sigmaSE! - 0.0694)).toBeLessThan(6e-4);
    expect(Math.abs(fit.logLikelihood - -2466.938)).toBeLessThan(1e-3);

    const b = [-3.6153, -1.3224, -0.3176, -1.7301, -2.7802];
    const bSE = [0.3266, 0.1422, 0.0977, 0.1691, 0.251];
    const cov = fit.covariance!;
    const P = fit.parameters.length;
    expect(fit.parameters).toEqual(['Item 1#1', 'Item 2#1', 'Item 3#1', 'Item 4#1', 'Item 5#1', 'sigma']);
    fit.items.forEach((it, j) => {
      const d = it.difficulty;
      expect(Math.abs(d / a - b[j])).toBeLessThan(6e-4);
      // b = δ/σ: delta method with the covariance of (δ_j, σ).
      const v = cov[j * P + j] / a ** 2 - (2 * d * cov[j * P + 5]) / a ** 3 + (d ** 2 * cov[5 * P + 5]) / a ** 4;
      expect(Math.abs(Math.sqrt(v) - bSE[j])).toBeLessThan(6e-4);
    });
  });

  it('the tolerance has teeth: a slightly different model or a coarse quadrature fails it', () => {
    const ltm = [-2.87197119854978, -1.06302941844366, -0.257610878680845, -1.38805883083614, -2.21877845496312];
    const worst = (fit: ReturnType<typeof fitRasch>) => Math.max(...fit.items.map((it, j) => Math.abs(it.difficulty - ltm[j])));
    expect(worst(fitRasch(m, dich(5), { sigma: 1, quadraturePoints: 5 }))).toBeGreaterThan(5e-4);
    expect(worst(fitRasch(m, dich(5), { quadraturePoints: 21 }))).toBeGreaterThan(0.1);
  });
});

describe('Rasch derivatives', () => {
  // Partial credit items, σ estimated, gaps treated as not administered: the general case.
  const sim = simulate(400, [[-1], [0.3], [1], [-0.5, 0.7], [-1, 0, 1.2], [0.2]], { seed: 3, sigma: 1.3, missingRate: 0.15 });

  it('gradient and Louis information agree with finite differences of the log-likelihood', () => {
    const lik = raschLikelihood(sim.matrix, sim.items, { missing: 'exclude', quadraturePoints: 21 });
    const beta = lik.start.map((v, i) => v + 0.1 * Math.sin(i + 1));
    const at = lik.evaluate(beta);
    const P = lik.size;
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

describe('Rasch on a 10,000 × 30 test with partial-credit items', () => {
  const steps = thirtyItemSteps();
  const sim = simulate(10_000, steps, { seed: 11, sigma: 1.2 });
  const fit = fitRasch(sim.matrix, sim.items);

  it('recovers the generating step difficulties and σ within their standard errors', () => {
    expect(fit.converged).toBe(true);
    expect(fit.items).toHaveLength(30);
    expect(Math.abs(fit.sigma - 1.2)).toBeLessThan(3.5 * fit.sigmaSE!);
    let z2 = 0;
    let k = 0;
    fit.items.forEach((it, j) => {
      expect(it.type).toBe(steps[j].length === 1 ? 'dichotomous' : 'partial');
      it.thresholds.forEach((t, h) => {
        const z = (t.estimate - steps[j][h]) / t.se!;
        expect(Math.abs(z)).toBeLessThan(4);
        z2 += z * z;
        k++;
      });
    });
    // The SEs are honest: the standardised errors have a mean square near 1 (χ²_k / k).
    expect(z2 / k).toBeGreaterThan(0.5);
    expect(z2 / k).toBeLessThan(1.6);
  });

  it('abilities track the generating θ and are finite for every raw score', () => {
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    const n = sim.thetas.length;
    const mx = sim.thetas.reduce((a, b) => a + b, 0) / n;
    const my = fit.persons.eap.reduce((a, b) => a + b, 0) / n;
    expect(fit.persons.wle.every(Number.isFinite)).toBe(true);
    expect(fit.persons.eap.every(Number.isFinite)).toBe(true);
    for (let s = 0; s < n; s++) {
      sxy += (sim.thetas[s] - mx) * (fit.persons.eap[s] - my);
      sxx += (sim.thetas[s] - mx) ** 2;
      syy += (fit.persons.eap[s] - my) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.9);
  });
});

describe('Rasch edge cases', () => {
  const items: ItemSpec[] = [
    { id: 'easy', area: 'a', type: 'dichotomous', maxScore: 1 },
    { id: 'mid', area: 'a', type: 'dichotomous', maxScore: 1 },
    { id: 'hard', area: 'b', type: 'dichotomous', maxScore: 1 },
    { id: 'all-right', area: 'b', type: 'dichotomous', maxScore: 1 },
    { id: 'gone', area: 'b', type: 'dichotomous', maxScore: 1, dropped: true },
    { id: 'essay', area: 'b', type: 'partial', maxScore: 2 },
  ];
  // Every student gets 'all-right' right; nobody scores 1 on the essay.
  const rows: (number | null)[][] = [];
  const patterns = [
    [0, 0, 0, 1, 0, 0],
    [1, 0, 0, 1, 1, 0],
    [1, 1, 0, 1, 0, 2],
    [1, 1, 1, 1, 1, 2],
    [1, 0, 1, 1, 0, 0],
    [0, 1, 0, 1, 1, 2],
  ];
  for (let k = 0; k < 20; k++) for (const p of patterns) rows.push(p);
  rows.push([null, null, null, null, null, null]);

  it('leaves out dropped, extreme and unidentified items, saying why', () => {
    const fit = fitRasch(scoreMatrix(rows), items, { missing: 'exclude' });
    expect(fit.items.map((i) => i.id)).toEqual(['easy', 'mid', 'hard']);
    expect(fit.excluded).toEqual([
      { id: 'all-right', column: 3, reason: 'extreme' },
      { id: 'gone', column: 4, reason: 'dropped' },
      { id: 'essay', column: 5, reason: 'unobserved-category' },
    ]);
  });

  it('gives finite EAP and WLE for none and all correct, ordered by raw score, and NaN for a student with no scores', () => {
    const fit = fitRasch(scoreMatrix(rows), items, { missing: 'exclude' });
    const byScore = new Map<number, [number, number]>();
    for (let s = 0; s < rows.length - 1; s++) byScore.set(fit.persons.rawScore[s], [fit.persons.eap[s], fit.persons.wle[s]]);
    expect([...byScore.keys()].sort()).toEqual([0, 1, 2, 3]);
    const ordered = [0, 1, 2, 3].map((r) => byScore.get(r)!);
    for (const [eap, wle] of ordered) {
      expect(Number.isFinite(eap)).toBe(true);
      expect(Number.isFinite(wle)).toBe(true);
    }
    for (let r = 1; r < 4; r++) {
      expect(ordered[r][0]).toBeGreaterThan(ordered[r - 1][0]);
      expect(ordered[r][1]).toBeGreaterThan(ordered[r - 1][1]);
    }
    // WLE is less shrunk than EAP at the extremes.
    expect(ordered[0][1]).toBeLessThan(ordered[0][0]);
    expect(ordered[3][1]).toBeGreaterThan(ordered[3][0]);
    const last = rows.length - 1;
    expect(fit.persons.eap[last]).toBeNaN();
    expect(fit.persons.wle[last]).toBeNaN();
  });

  it("scores missing as 0 by default, exactly as if the zeros had been entered", () => {
    const sim = simulate(300, [[-1], [0], [1], [-0.5, 0.5]], { seed: 5, missingRate: 0.1 });
    const zeros = { ...sim.matrix, data: sim.matrix.data.map((v) => (Number.isNaN(v) ? 0 : v)) };
    const a = fitRasch(sim.matrix, sim.items);
    const b = fitRasch(zeros, sim.items);
    expect(a.items.map((i) => i.difficulty)).toEqual(b.items.map((i) => i.difficulty));
    expect(a.logLikelihood).toBe(b.logLikelihood);
  });

  it('refuses scores that are not whole numbers in range', () => {
    expect(() => fitRasch(scoreMatrix([[0.5], [1]]), dich(1))).toThrow(/not a whole number/);
    expect(() => fitRasch(scoreMatrix([[2], [1]]), dich(1))).toThrow(/0\.\.1/);
  });
});
