import { etsCategory, mantelHaenszel, mantelHaenszelDif } from './dif';
import { simulate } from './simulate.fixture';
import { scoreMatrix, type ItemSpec, type ScoreMatrix } from './types';

describe('Mantel–Haenszel on hand-computed 2×2 tables', () => {
  // Three score strata plus one holding only reference examinees (skipped).
  // Cells: A ref right, B ref wrong, C focal right, D focal wrong.
  const tables = [
    { a: 10, b: 20, c: 5, d: 25 }, //  T = 60
    { a: 30, b: 15, c: 20, d: 20 }, // T = 85
    { a: 40, b: 5, c: 30, d: 10 }, //  T = 85
    { a: 3, b: 0, c: 0, d: 0 }, //     one group only
  ];

  it('α_MH, D-DIF, its SE (Robins–Breslow–Greenland) and χ²_MH match the arithmetic written out', () => {
    // α_MH = Σ AD/T / Σ BC/T (Mantel & Haenszel 1959; Holland & Thayer 1988)
    const R = (10 * 25) / 60 + (30 * 20) / 85 + (40 * 10) / 85; // 4.16667 + 7.05882 + 4.70588
    const S = (20 * 5) / 60 + (15 * 20) / 85 + (5 * 30) / 85; //  1.66667 + 3.52941 + 1.76471
    const alpha = R / S; // 15.93137 / 6.96078 = 2.28873
    const D = -2.35 * Math.log(alpha);
    // RBG (1986): P = (A+D)/T, Q = (B+C)/T
    const P = [35 / 60, 50 / 85, 50 / 85];
    const Q = [25 / 60, 35 / 85, 35 / 85];
    const Rk = [(10 * 25) / 60, (30 * 20) / 85, (40 * 10) / 85];
    const Sk = [(20 * 5) / 60, (15 * 20) / 85, (5 * 30) / 85];
    let v1 = 0, v2 = 0, v3 = 0;
    for (let k = 0; k < 3; k++) {
      v1 += P[k] * Rk[k];
      v2 += P[k] * Sk[k] + Q[k] * Rk[k];
      v3 += Q[k] * Sk[k];
    }
    const varLn = v1 / (2 * R * R) + v2 / (2 * R * S) + v3 / (2 * S * S);
    const se = 2.35 * Math.sqrt(varLn);
    // χ²: ΣA = 80; E(A) = n_R m_1 / T; Var(A) = n_R n_F m_1 m_0 / (T²(T−1))
    const EA = (30 * 15) / 60 + (45 * 50) / 85 + (45 * 70) / 85;
    const VA = (30 * 30 * 15 * 45) / (60 * 60 * 59) + (45 * 40 * 50 * 35) / (85 * 85 * 84) + (45 * 40 * 70 * 15) / (85 * 85 * 84);
    const chi2 = (Math.abs(80 - EA) - 0.5) ** 2 / VA;

    const mh = mantelHaenszel(tables)!;
    expect(mh.strata).toBe(3);
    expect(Math.abs(mh.alpha - alpha)).toBeLessThan(1e-12);
    expect(Math.abs(mh.alpha - 2.28873239)).toBeLessThan(1e-8);
    expect(Math.abs(mh.dDif - D)).toBeLessThan(1e-12);
    expect(Math.abs(mh.dDifSE - se)).toBeLessThan(1e-12);
    expect(Math.abs(mh.chiSquare - chi2)).toBeLessThan(1e-12);
    // |D| = 1.946 ≥ 1.5 and χ² significant; (|D| − 1)/SE decides between B and C.
    expect(mh.category).toBe((Math.abs(D) - 1) / se > 1.645 ? 'C-' : 'B-');
  });

  it('ETS A/B/C rule (Zwick 2012): boundaries', () => {
    expect(etsCategory(-0.99, 0.01, 100)).toBe('A');
    expect(etsCategory(-2, 0.1, 3.8)).toBe('A'); // not significant
    expect(etsCategory(-1.2, 0.1, 50)).toBe('B-');
    expect(etsCategory(1.6, 0.1, 50)).toBe('C+');
    expect(etsCategory(1.6, 0.5, 50)).toBe('B+'); // |D| − 1 = 0.6 < 1.645·0.5
  });

  it('no finite α when a side of the ratio is empty', () => {
    expect(mantelHaenszel([{ a: 5, b: 0, c: 5, d: 0 }])).toBeNull();
  });
});

/** Stacks two score matrices (same items) into one. */
function stack(x: ScoreMatrix, y: ScoreMatrix): ScoreMatrix {
  const data = new Float64Array(x.data.length + y.data.length);
  data.set(x.data);
  data.set(y.data, x.data.length);
  return { nStudents: x.nStudents + y.nStudents, nItems: x.nItems, data };
}

describe('MH DIF on a simulated test: one item 1 logit harder for the focal group', () => {
  // 20 Rasch items from −1.9 to 1.9; the focal group is 0.5 logit less able on average
  // (impact, which matching on the total must absorb) and item 8 is 1.0 logit harder for it.
  // θ ~ N(μ, 1) against difficulty b is simulated as θ ~ N(0, 1) against b − μ.
  const b = Array.from({ length: 20 }, (_, j) => -1.9 + 0.2 * j);
  const DIF_ITEM = 7;
  const ref = simulate(2000, b.map((v) => [v]), { seed: 101 });
  const focal = simulate(2000, b.map((v, j) => [v + 0.5 + (j === DIF_ITEM ? 1.0 : 0)]), { seed: 202 });
  const m = stack(ref.matrix, focal.matrix);
  const group = new Int8Array(4000);
  group.fill(1, 2000);
  const res = mantelHaenszelDif(m, ref.items, group);

  it('classifies the shifted item C− and every other item A', () => {
    expect(res).toHaveLength(20);
    res.forEach((r, j) => {
      expect(r.computed).toBe(true);
      if (!r.computed) return;
      expect(r.nReference).toBe(2000);
      expect(r.nFocal).toBe(2000);
      expect(r.category).toBe(j === DIF_ITEM ? 'C-' : 'A');
    });
    const d = res[DIF_ITEM];
    // 1 logit ≈ −2.35 on the delta scale; a little less because the matching total includes the item.
    if (d.computed) expect(d.dDif).toBeLessThan(-1.5);
  });

  it('reports small groups and partial-credit items as not computed, with the reason', () => {
    const items: ItemSpec[] = [
      { id: 'q1', area: 'a', type: 'dichotomous', maxScore: 1 },
      { id: 'essay', area: 'a', type: 'partial', maxScore: 2 },
    ];
    const rows = Array.from({ length: 60 }, (_, s) => [s % 2, s % 3]);
    const few = mantelHaenszelDif(scoreMatrix(rows), items, rows.map((_, s) => (s < 30 ? 0 : 1)));
    expect(few.map((r) => (r.computed ? r.category : r.reason))).toEqual(['group-too-small', 'polytomous']);
    const ok = mantelHaenszelDif(scoreMatrix(rows), items, rows.map((_, s) => (s < 30 ? 0 : 1)), { minGroupSize: 20, columns: [0] });
    expect(ok).toHaveLength(1);
    expect(ok[0].computed).toBe(true);
  });
});
