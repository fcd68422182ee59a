import { fitRasch } from '../analysis';
import { simulate } from '../analysis/simulate.fixture';
import { DIF_MIN_GROUP, measurement, thetaLevel } from './measurement';

const cuts = [{ level: '기초', theta: null, raw: 0 }, { level: '보통', theta: -0.5, raw: 8 }, { level: '우수', theta: 1, raw: 15 }];

describe('thetaLevel', () => {
  it('places θ by the cuts, the first level from −∞, a cut itself in the upper level', () => {
    expect([-9, -0.5, 0.99, 1, 4].map((t) => thetaLevel(t, cuts))).toEqual(['기초', '보통', '보통', '우수', '우수']);
    expect(thetaLevel(NaN, cuts)).toBeNull();
  });
});

describe('measurement', () => {
  const steps = Array.from({ length: 12 }, (_, j) => [-1.5 + (3 * j) / 11]);
  const sim = simulate(600, steps, { seed: 7 });
  const items = steps.map((_, j) => ({ id: `I${j + 1}`, area: 'ai_use', type: 'dichotomous' as const, maxScore: 1 }));
  const rasch = fitRasch(sim.matrix, items);
  const students = Array.from({ length: 600 }, (_, s) => ({ sex: (s % 2 ? 'F' : 'M') as 'M' | 'F', schoolLevel: 'elementary', office: s % 3 ? 'gangnam-seocho' : 'seobu' }));

  it('gives items fit and DIF, precision and the scale position', () => {
    const m = measurement({ matrix: sim.matrix, items, rasch, alpha: 0.8, students, scale: { grade: 5, baseAssessmentId: 1, slope: 100, intercept: 500, cuts, linkSE: 0 }, linked: null });
    const i1 = m.itemExtras('I1');
    expect(i1.infit).toBeGreaterThan(0.7);
    expect(i1.infit).toBeLessThan(1.3);
    expect(i1.dif.map((d) => [d.group, d.focal])).toEqual([['sex', 'F'], ['districtOffice', 'gangnam-seocho'], ['districtOffice', 'seobu']]);
    expect(i1.dif[0]).toMatchObject({ nReference: 300, nFocal: 300, ets: expect.any(String), reason: null });
    expect(m.summary.dif.minGroupSize).toBe(DIF_MIN_GROUP);
    expect(m.summary.rawScores).toHaveLength(13);
    expect(m.summary.reliability.personSeparation!.reliability).toBeGreaterThan(0);
    expect(m.summary.scale!.levels.reduce((t, l) => t + l.count, 0)).toBe(600);
    expect(Math.abs(m.summary.scale!.mean! - 500)).toBeLessThan(15);
  });

  it('reports DIF of too small groups as not computed, and leaves offices out unless computed', () => {
    const few = students.map((s, i) => ({ ...s, sex: i < 50 ? ('F' as const) : ('M' as const) }));
    const m = measurement({ matrix: sim.matrix, items, rasch, alpha: null, students: few.map((s) => ({ ...s, office: 'seobu' })), scale: null, linked: null });
    expect(m.itemExtras('I2').dif).toEqual([expect.objectContaining({ group: 'sex', mhDDif: null, ets: null, reason: 'group-too-small', nFocal: 50 })]);
    expect(m.summary.scale).toBeNull();
  });
});
