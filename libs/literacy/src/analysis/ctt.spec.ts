import { analyseGroups, analyseTest, areaScores, histogram, reviewFlags, totalScores } from './ctt';
import { lsatRows } from './lsat.fixture';
import { simulate, thirtyItemSteps } from './simulate.fixture';
import { scoreMatrix, type ItemSpec } from './types';

const items4: ItemSpec[] = [
  { id: 'A', area: 'AI 이해', type: 'dichotomous', maxScore: 1 },
  { id: 'B', area: 'AI 이해', type: 'dichotomous', maxScore: 1 },
  { id: 'C', area: 'AI 윤리', type: 'dichotomous', maxScore: 1 },
  { id: 'D', area: 'AI 윤리', type: 'partial', maxScore: 2 },
];

/*
 * Hand-computed example: 6 students, totals 5..0.
 *   mean total 2.5, deviations² 6.25+2.25+0.25+0.25+2.25+6.25 = 17.5, variance 17.5/5 = 3.5.
 *   item variances (n − 1): A (2/9)(6/5) = 4/15, B 0.3, C 4/15, D 4/5; sum 49/30.
 *   alpha = 4/3 · (1 − (49/30)/3.5) = 4/3 · 8/15 = 32/45;  SEM = √3.5 · √(13/45).
 *   A against its rest score (4,3,2,2,0,0): Σ products of deviations 9 − 6·(2/3)(11/6) = 5/3,
 *   Σ dev² 4/3 and 77/6, so r = (5/3)/√(4/3 · 77/6) = 5/√154; sorted pairing gives a covariance
 *   sum of 11 − 22/3 = 11/3, so DE = 5/11.
 *   B against (4,3,3,1,1,0): 8 − 6·0.5·2 = 2, Σ dev² 1.5 and 12, so r = 2/√18; sorted B 0,0,0,1,1,1
 *   paired with sorted rest 0,1,1,3,3,4 gives 10 − 6 = 4, so DE = 2/4.
 */
const rows4 = [
  [1, 1, 1, 2],
  [1, 1, 0, 2],
  [1, 0, 1, 1],
  [0, 1, 0, 1],
  [1, 0, 0, 0],
  [0, 0, 0, 0],
];

describe('classical item and test statistics', () => {
  it('match the hand-computed example', () => {
    const { items, test, totals } = analyseTest(scoreMatrix(rows4), items4);
    expect([...totals]).toEqual([5, 4, 3, 2, 1, 0]);
    expect(test.n).toBe(6);
    expect(test.nItems).toBe(4);
    expect(test.maxScore).toBe(5);
    expect(test.mean).toBeCloseTo(2.5, 12);
    expect(test.sd).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(test.median).toBe(2.5);
    expect(test.alpha).toBeCloseTo(32 / 45, 12);
    expect(test.sem).toBeCloseTo(Math.sqrt(3.5) * Math.sqrt(13 / 45), 12);
    expect(test.histogram.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1]);

    const [a, b, c, d] = items;
    expect(a.facility).toBeCloseTo(2 / 3, 12);
    expect(a.sd).toBeCloseTo(Math.sqrt(4 / 15), 12);
    expect(a.discrimination).toBeCloseTo(5 / Math.sqrt(154), 12);
    expect(a.discriminativeEfficiency).toBeCloseTo(5 / 11, 12);
    expect(b.facility).toBeCloseTo(0.5, 12);
    expect(b.discrimination).toBeCloseTo(2 / Math.sqrt(18), 12);
    expect(b.discriminativeEfficiency).toBeCloseTo(0.5, 12);
    expect(c.facility).toBeCloseTo(1 / 3, 12);
    expect(d.facility).toBeCloseTo(0.5, 12); // mean 1 of max 2
    expect(d.mean).toBeCloseTo(1, 12);
  });

  it('Cronbach alpha equals KR-20 of a published worked example (Wuensch, East Carolina University, "KR20.txt")', () => {
    // Ten students × ten items; the page lists p per item, Σpq = 2.18 and the total-score variance
    // 5.84 (dividing by n), so KR-20 = 10/9 · (1 − 2.18/5.84).
    const data = ['1111110110', '1011011101', '1111011001', '0010001000', '0000010010', '1110111111', '1101110111', '1111111101', '0101111101', '1101101110'];
    const items = Array.from({ length: 10 }, (_, i): ItemSpec => ({ id: `Q${i + 1}`, area: 'x', type: 'dichotomous', maxScore: 1 }));
    const { items: st, test, totals } = analyseTest(scoreMatrix(data.map((r) => [...r].map(Number))), items);
    expect([...totals]).toEqual([8, 7, 7, 2, 2, 9, 8, 9, 7, 7]);
    expect(st.map((s) => s.facility)).toEqual([0.7, 0.7, 0.6, 0.7, 0.6, 0.8, 0.7, 0.7, 0.5, 0.6]);
    expect(test.alpha).toBeCloseTo((10 / 9) * (1 - 2.18 / 5.84), 12);
    expect(test.alpha).toBeCloseTo(0.6963, 4);
  });

  it('on LSAT: facilities are the published proportions correct, alpha is KR-20 of them', () => {
    const { items, test } = analyseTest(scoreMatrix(lsatRows()), Array.from({ length: 5 }, (_, i): ItemSpec => ({ id: `I${i}`, area: 'x', type: 'dichotomous', maxScore: 1 })));
    const p = [0.924, 0.709, 0.553, 0.763, 0.87];
    items.forEach((it, j) => expect(it.facility).toBeCloseTo(p[j], 12));
    const varT = test.sd! ** 2 * (999 / 1000); // as a population variance, like pq
    const kr20 = (5 / 4) * (1 - p.reduce((s, x) => s + x * (1 - x), 0) / varT);
    expect(test.alpha).toBeCloseTo(kr20, 12);
    // Low, as expected of five easy items.
    expect(test.alpha!).toBeGreaterThan(0.25);
    expect(test.alpha!).toBeLessThan(0.35);
  });

  it('leaves dropped items out of totals, rest scores and alpha, but still describes them', () => {
    const dropped = items4.map((it) => (it.id === 'D' ? { ...it, dropped: true } : it));
    const { items, test, totals } = analyseTest(scoreMatrix(rows4), dropped);
    expect([...totals]).toEqual([3, 2, 2, 1, 1, 0]);
    expect(test.nItems).toBe(3);
    expect(test.maxScore).toBe(3);
    // Alpha of A, B, C alone.
    const three = analyseTest(scoreMatrix(rows4.map((r) => r.slice(0, 3))), items4.slice(0, 3));
    expect(test.alpha).toBeCloseTo(three.test.alpha!, 12);
    expect(items[0].discrimination).toBeCloseTo(three.items[0].discrimination!, 12);
    // D is correlated with the total of the three scored items (which never contained it).
    expect(items[3].dropped).toBe(true);
    expect(items[3].facility).toBeCloseTo(0.5, 12);
    expect(items[3].discrimination).not.toBeNull();
  });

  it('missing as zero (default) or excluded from the item statistics', () => {
    const rows = [
      [1, 1, null, 2],
      [1, 1, 0, 2],
      [null, 0, 1, 1],
      [0, 1, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const zero = analyseTest(scoreMatrix(rows), items4);
    expect(zero.items[0].nAnswering).toBe(5);
    expect(zero.items[0].nMissing).toBe(1);
    expect(zero.items[0].facility).toBeCloseTo(3 / 6, 12);
    expect(zero.test.alphaN).toBe(6);
    const excl = analyseTest(scoreMatrix(rows), items4, { missing: 'exclude' });
    expect(excl.items[0].facility).toBeCloseTo(3 / 5, 12);
    expect(excl.test.alphaN).toBe(4); // complete rows only
    expect([...excl.totals]).toEqual([...zero.totals]);
  });

  it('statistics that do not exist are null, never NaN', () => {
    const { items, test } = analyseTest(scoreMatrix([[1, 0, 1, 2], [1, 0, 0, 1]]), items4);
    expect(items[0].discrimination).toBeNull(); // everyone right
    expect(items[1].discrimination).toBeNull(); // everyone wrong
    expect(items[1].facility).toBe(0);
    const one = analyseTest(scoreMatrix([[1, 0, 1, 2]]), items4);
    expect(one.test.sd).toBeNull();
    expect(one.test.alpha).toBeNull();
    expect(one.test.sem).toBeNull();
    const none = analyseTest(scoreMatrix([], 4), items4);
    expect(none.test.mean).toBeNull();
    expect(none.items[0].facility).toBeNull();
    expect(none.test.histogram.every((b) => b.count === 0)).toBe(true);
    // Two students who differ only on C and D: alpha exists and is a number.
    expect(Number.isFinite(test.alpha)).toBe(true);
  });

  it('groups and sub-groups: analyseGroups equals analyseTest on the group rows', () => {
    const m = scoreMatrix(rows4);
    const groups = analyseGroups(m, items4, ['1반', '2반', '1반', null, '2반', '1반']);
    expect([...groups.keys()]).toEqual(['1반', '2반']);
    const one = analyseTest(m, items4, { rows: [0, 2, 5] });
    expect(groups.get('1반')).toEqual(one);
    expect(groups.get('2반')!.test.n).toBe(2);
  });

  it('area sub-scores and totals', () => {
    const m = scoreMatrix(rows4);
    const areas = areaScores(m, items4);
    expect(areas.map((a) => [a.area, a.itemIds, a.maxScore])).toEqual([
      ['AI 이해', ['A', 'B'], 2],
      ['AI 윤리', ['C', 'D'], 3],
    ]);
    expect([...areas[1].scores]).toEqual([3, 2, 2, 1, 0, 0]);
    expect([...totalScores(m, items4)]).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('histogram bins', () => {
    expect(histogram([0, 1, 1, 30, 29.5], 30).length).toBe(31);
    const wide = histogram([0, 59, 60, 61, 120], 120);
    expect(wide[0]).toEqual({ from: 0, to: 4, count: 1 });
    expect(wide.at(-1)).toEqual({ from: 120, to: 124, count: 1 });
    expect(histogram([0, 5, 9.9, 10], 10, 5).map((b) => b.count)).toEqual([1, 2, 1]);
  });

  it('10,000 students × 30 items', () => {
    const sim = simulate(10_000, thirtyItemSteps(), { seed: 2, sigma: 1.2, missingRate: 0.02 });
    const { items, test } = analyseTest(sim.matrix, sim.items);
    expect(test.n).toBe(10_000);
    expect(test.histogram.reduce((s, b) => s + b.count, 0)).toBe(10_000);
    expect(test.alpha!).toBeGreaterThan(0.8);
    for (const it of items) {
      expect(it.discrimination!).toBeGreaterThan(0.2);
      expect(it.nAnswering).toBeGreaterThan(9_700);
    }
  });
});

describe('review flags', () => {
  const stat = (id: string, facility: number | null, discrimination: number | null) =>
    ({ id, facility, discrimination }) as Parameters<typeof reviewFlags>[0][number];

  it('flags low discrimination and facility outside 0.2–0.9 by default', () => {
    const flags = reviewFlags([stat('ok', 0.5, 0.4), stat('low-d', 0.5, 0.19), stat('hard', 0.1, 0.3), stat('easy', 0.95, 0.1), stat('flat', 1, null), stat('none', null, null)]);
    expect(flags.map((f) => [f.itemId, f.reasons])).toEqual([
      ['low-d', ['low-discrimination']],
      ['hard', ['too-hard']],
      ['easy', ['too-easy', 'low-discrimination']],
      ['flat', ['too-easy', 'no-variance']],
      ['none', ['no-answers']],
    ]);
  });

  it('takes configured thresholds; the bounds themselves pass', () => {
    expect(reviewFlags([stat('x', 0.2, 0.2), stat('y', 0.9, 0.2)])).toEqual([]);
    expect(reviewFlags([stat('x', 0.25, 0.25)], { minDiscrimination: 0.3, minFacility: 0.3, maxFacility: 0.8 })[0].reasons).toEqual(['too-hard', 'low-discrimination']);
    expect(() => reviewFlags([], { minFacility: 0.9, maxFacility: 0.2 })).toThrow(RangeError);
  });
});
