import { analyseTest } from './ctt';
import { rawScoreTable, reliabilitySummary, separationReliability, testInformation } from './information';
import { packSteps, paramsFromFit } from './item-params';
import { lsatRows } from './lsat.fixture';
import { fitRasch } from './rasch';
import { simulate } from './simulate.fixture';
import { scoreMatrix, type ItemSpec } from './types';

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

describe('test information', () => {
  it('is Σ p(1 − p) for dichotomous items and the score variance for a PCM item', () => {
    const b = [-1, 0, 0.5];
    const pcm = [-0.5, 0.8];
    const par = packSteps([...b.map((v) => [v]), pcm]);
    const grid = [-2, -0.5, 0, 1.3];
    const info = testInformation(par, grid);
    grid.forEach((t, g) => {
      let ref = b.reduce((s, bj) => s + logistic(t - bj) * (1 - logistic(t - bj)), 0);
      // PCM item 0..2: weights 1, e^{θ−δ1}, e^{2θ−δ1−δ2}
      const w = [1, Math.exp(t - pcm[0]), Math.exp(2 * t - pcm[0] - pcm[1])];
      const z = w[0] + w[1] + w[2];
      const e = (w[1] + 2 * w[2]) / z;
      ref += (w[1] + 4 * w[2]) / z - e * e;
      expect(Math.abs(info[g] - ref)).toBeLessThan(1e-12);
    });
    // One item at θ = b: 1/4.
    expect(testInformation(packSteps([[0.7]]), [0.7])[0]).toBeCloseTo(0.25, 15);
  });
});

describe('raw score → θ with conditional SEM', () => {
  const b = [-1.5, -0.5, 0, 0.8, 1.6];
  const par = packSteps(b.map((v) => [v]));

  it('ML solves Σ p_j(θ) = r, SE = 1/√I, and is NaN at 0 and the maximum', () => {
    const rows = rawScoreTable(par, { method: 'ml' });
    expect(rows.map((r) => r.rawScore)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows[0].theta).toBeNaN();
    expect(rows[5].theta).toBeNaN();
    for (const row of rows.slice(1, 5)) {
      const p = b.map((bj) => logistic(row.theta - bj));
      expect(Math.abs(p.reduce((a, x) => a + x, 0) - row.rawScore)).toBeLessThan(1e-10);
      const info = p.reduce((a, x) => a + x * (1 - x), 0);
      expect(Math.abs(row.se - 1 / Math.sqrt(info))).toBeLessThan(1e-10);
      expect(Math.abs(row.rawSE - Math.sqrt(info))).toBeLessThan(1e-10);
    }
    // θ̂ increases with the raw score.
    for (let r = 2; r < 5; r++) expect(rows[r].theta).toBeGreaterThan(rows[r - 1].theta);
  });

  it('WLE rows are finite everywhere and equal fitRasch’s WLE for the same raw score (LSAT)', () => {
    const m = scoreMatrix(lsatRows());
    const items: ItemSpec[] = [0, 1, 2, 3, 4].map((i) => ({ id: `I${i}`, area: 'LSAT', type: 'dichotomous', maxScore: 1 }));
    const fit = fitRasch(m, items, { sigma: 1, quadraturePoints: 21 });
    const rows = rawScoreTable(paramsFromFit(fit, 5));
    expect(rows.every((r) => Number.isFinite(r.theta) && Number.isFinite(r.se))).toBe(true);
    for (let s = 0; s < m.nStudents; s++) {
      const row = rows[fit.persons.rawScore[s]];
      expect(Math.abs(fit.persons.wle[s] - row.theta)).toBeLessThan(1e-9);
      expect(Math.abs(fit.persons.wleSE[s] - row.se)).toBeLessThan(1e-9);
    }
  });
});

describe('person separation reliability', () => {
  it('observed, error and true variance as written out (Wright & Masters 1982)', () => {
    const theta = [-1, 0, 0.5, 2, NaN];
    const se = [0.5, 0.4, 0.4, 0.6, 0.3];
    const mean = (-1 + 0 + 0.5 + 2) / 4; // 0.375
    const obs = ((-1 - mean) ** 2 + (0 - mean) ** 2 + (0.5 - mean) ** 2 + (2 - mean) ** 2) / 4;
    const err = (0.25 + 0.16 + 0.16 + 0.36) / 4;
    const r = separationReliability(theta, se);
    expect(r.n).toBe(4);
    expect(r.observedVariance).toBeCloseTo(obs, 14);
    expect(r.errorVariance).toBeCloseTo(err, 14);
    expect(r.reliability).toBeCloseTo((obs - err) / obs, 14);
    expect(r.separation).toBeCloseTo(Math.sqrt((obs - err) / err), 14);
  });

  it('on a simulated 30-item test it estimates the squared correlation of WLE with the true θ, near α', () => {
    const steps = Array.from({ length: 30 }, (_, j) => [-2 + (4 * j) / 29]);
    const sim = simulate(4000, steps, { seed: 9 });
    const fit = fitRasch(sim.matrix, sim.items);
    const alpha = analyseTest(sim.matrix, sim.items).test.alpha;
    const rel = reliabilitySummary(fit, alpha);
    let sxy = 0, sxx = 0, syy = 0;
    const n = sim.thetas.length;
    const mx = sim.thetas.reduce((a, b) => a + b, 0) / n;
    const my = fit.persons.wle.reduce((a, b) => a + b, 0) / n;
    for (let s = 0; s < n; s++) {
      sxy += (sim.thetas[s] - mx) * (fit.persons.wle[s] - my);
      sxx += (sim.thetas[s] - mx) ** 2;
      syy += (fit.persons.wle[s] - my) ** 2;
    }
    const r2 = (sxy * sxy) / (sxx * syy);
    expect(Math.abs(rel.personSeparation.reliability - r2)).toBeLessThan(0.03);
    expect(Math.abs(rel.personSeparation.reliability - rel.alpha!)).toBeLessThan(0.05);
  });
});
