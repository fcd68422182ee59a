import { raschFit, zstd } from './fit';
import { packSteps } from './item-params';
import { simulate } from './simulate.fixture';
import { scoreMatrix } from './types';

/*
 * Reference: the dichotomous Rasch residual arithmetic written out by hand, following
 * Wright & Masters (1982), Rating Scale Analysis, ch. 5, and Linacre's Winsteps definitions
 * ("Misfit diagnosis: infit outfit mean-square standardized"):
 *   p = 1/(1 + exp(b − θ)), E = p, W = p(1 − p), C = (0 − p)⁴(1 − p) + (1 − p)⁴p,
 *   y = x − p, z² = y²/W;
 *   outfit = Σz²/n,   Var = ΣC/W² / n² − 1/n;
 *   infit  = Σy²/ΣW,  Var = Σ(C − W²) / (ΣW)²;
 *   ZSTD   = (MNSQ^{1/3} − 1)(3/√Var) + √Var/3.
 * Nothing below uses the module's PCM code path (itemAt, momentsAt): it is an independent check.
 */
const theta = [-1.5, -0.8, -0.2, 0.0, 0.4, 0.9, 1.3, 2.1];
const b = [-1.0, -0.3, 0.2, 0.8, 1.5];
// Row 5 has no score on item 3 (not administered): it must be skipped, not scored 0.
const X: (number | null)[][] = [
  [1, 0, 0, 0, 0],
  [0, 1, 0, 0, 0],
  [1, 1, 0, 1, 0],
  [1, 0, 1, 0, 0],
  [0, 1, 1, 0, 1], // unexpected: misses the easiest item, gets the hardest
  [1, 1, null, 1, 0],
  [1, 1, 1, 0, 1],
  [1, 1, 1, 1, 0],
];

interface Cell { y: number; W: number; C: number }
function cellOf(x: number, th: number, bj: number): Cell {
  const p = 1 / (1 + Math.exp(bj - th));
  const W = p * (1 - p);
  const C = Math.pow(0 - p, 4) * (1 - p) + Math.pow(1 - p, 4) * p;
  return { y: x - p, W, C };
}
function reference(cells: Cell[]) {
  const n = cells.length;
  let z2 = 0, cw = 0, y2 = 0, w = 0, cmw = 0;
  for (const { y, W, C } of cells) {
    z2 += (y * y) / W;
    cw += C / (W * W);
    y2 += y * y;
    w += W;
    cmw += C - W * W;
  }
  const outfit = z2 / n;
  const infit = y2 / w;
  const qo = Math.sqrt(cw / (n * n) - 1 / n);
  const qi = Math.sqrt(cmw / (w * w));
  return {
    n,
    outfit,
    infit,
    outfitZ: (Math.cbrt(outfit) - 1) * (3 / qo) + qo / 3,
    infitZ: (Math.cbrt(infit) - 1) * (3 / qi) + qi / 3,
  };
}

describe('Rasch infit / outfit (Wright & Masters 1982)', () => {
  const m = scoreMatrix(X);
  const fit = raschFit(m, packSteps(b.map((v) => [v])), theta);

  it('item MNSQ and ZSTD equal the hand-computed residual arithmetic to 1e-9, skipping the missing cell', () => {
    expect(fit.items).toHaveLength(5);
    b.forEach((bj, j) => {
      const cells: Cell[] = [];
      X.forEach((row, s) => row[j] !== null && cells.push(cellOf(row[j]!, theta[s], bj)));
      const ref = reference(cells);
      const got = fit.items[j];
      expect(got.column).toBe(j);
      expect(got.n).toBe(ref.n);
      for (const k of ['infit', 'outfit', 'infitZ', 'outfitZ'] as const) expect(Math.abs(got[k] - ref[k])).toBeLessThan(1e-9);
    });
    expect(fit.items[2].n).toBe(7);
  });

  it('person MNSQ and ZSTD equal the same arithmetic over each person’s items', () => {
    X.forEach((row, s) => {
      const cells: Cell[] = [];
      row.forEach((x, j) => x !== null && cells.push(cellOf(x, theta[s], b[j])));
      const ref = reference(cells);
      expect(fit.persons.n[s]).toBe(ref.n);
      expect(Math.abs(fit.persons.infit[s] - ref.infit)).toBeLessThan(1e-9);
      expect(Math.abs(fit.persons.outfit[s] - ref.outfit)).toBeLessThan(1e-9);
      expect(Math.abs(fit.persons.infitZ[s] - ref.infitZ)).toBeLessThan(1e-9);
      expect(Math.abs(fit.persons.outfitZ[s] - ref.outfitZ)).toBeLessThan(1e-9);
    });
    // The erratic row 4 misfits most.
    const worst = fit.persons.outfit.indexOf(Math.max(...fit.persons.outfit));
    expect(worst).toBe(4);
  });

  it('flags exactly the items whose infit or outfit MNSQ lies outside 0.7–1.3', () => {
    for (const it of fit.items) {
      const out = it.infit < 0.7 || it.infit > 1.3 || it.outfit < 0.7 || it.outfit > 1.3;
      expect(it.flagged).toBe(out);
    }
    expect(fit.items.some((i) => i.flagged)).toBe(true);
    const wide = raschFit(m, packSteps(b.map((v) => [v])), theta, { range: [0, 100] });
    expect(wide.items.every((i) => !i.flagged)).toBe(true);
  });

  it('the cube-root ZSTD is 0 at MNSQ 1 apart from its small q/3 offset', () => {
    expect(zstd(1, 0.04)).toBeCloseTo(0.2 / 3, 12);
  });
});

describe('fit under the model', () => {
  it('data simulated from the true parameters, PCM items included, fit with MNSQ near 1', () => {
    const steps = [[-1], [0], [1], [-0.5, 0.5], [-1, 0, 1.2]];
    const sim = simulate(5000, steps, { seed: 21, missingRate: 0.05 });
    const fit = raschFit(sim.matrix, packSteps(steps), sim.thetas);
    for (const it of fit.items) {
      expect(Math.abs(it.infit - 1)).toBeLessThan(0.05);
      expect(Math.abs(it.outfit - 1)).toBeLessThan(0.08);
      expect(Math.abs(it.infitZ)).toBeLessThan(3.5);
      expect(it.flagged).toBe(false);
    }
  });

  it('a column without parameters is skipped and a person without θ gets NaN', () => {
    const m = scoreMatrix([[1, 0], [0, 1], [1, 1]]);
    const fit = raschFit(m, packSteps([[0], null]), [0.5, NaN, -0.5]);
    expect(fit.items.map((i) => i.column)).toEqual([0]);
    expect(fit.items[0].n).toBe(2);
    expect(fit.persons.infit[1]).toBeNaN();
    expect(fit.persons.n[1]).toBe(0);
  });
});
