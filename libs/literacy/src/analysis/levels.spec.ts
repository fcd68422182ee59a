import { InvalidCutScoresError, assignLevels, levelOf, validateCutScores, type CutScore } from './levels';

const cuts: CutScore[] = [
  { level: '기초학력 미달', min: 0 },
  { level: '기초', min: 20 },
  { level: '보통', min: 40 },
  { level: '우수', min: 70 },
];

describe('achievement levels', () => {
  it('a level holds scores from its minimum up to the next one', () => {
    expect([0, 19.99, 20, 39, 40, 69.5, 70, 100].map((s) => levelOf(s, cuts))).toEqual([
      '기초학력 미달',
      '기초학력 미달',
      '기초',
      '기초',
      '보통',
      '보통',
      '우수',
      '우수',
    ]);
    expect(levelOf(-1, cuts)).toBeNull();
    expect(levelOf(null, cuts)).toBeNull();
    expect(levelOf(NaN, cuts)).toBeNull();
  });

  it('works on any scale, e.g. Rasch abilities', () => {
    expect(levelOf(-0.3, [{ level: '보통', min: -0.5 }, { level: '우수', min: 1.2 }])).toBe('보통');
  });

  it('assigns levels and counts them, zeros included', () => {
    const out = assignLevels([5, 25, 45, 45, null, 99, -3], cuts);
    expect(out.levels).toEqual(['기초학력 미달', '기초', '보통', '보통', null, '우수', null]);
    expect(out.unassigned).toBe(2);
    expect(out.distribution).toEqual([
      { level: '기초학력 미달', count: 1, proportion: 0.2 },
      { level: '기초', count: 1, proportion: 0.2 },
      { level: '보통', count: 2, proportion: 0.4 },
      { level: '우수', count: 1, proportion: 0.2 },
    ]);
  });

  it('refuses cut scores that are not strictly ascending or badly named', () => {
    expect(validateCutScores(cuts)).toEqual([]);
    expect(validateCutScores([])).toEqual(['at least one level is needed']);
    expect(
      validateCutScores([
        { level: '기초', min: 0 },
        { level: '보통', min: 40 },
        { level: '우수', min: 40 },
        { level: '보통', min: 30 },
        { level: ' ', min: Infinity },
      ]),
    ).toEqual([
      "level 우수: minimum 40 is not above the previous level's 40",
      'level 보통 appears twice',
      "level 보통: minimum 30 is not above the previous level's 40",
      'level 5 has no name',
      'level   has no valid minimum',
    ]);
    expect(() => levelOf(1, [{ level: 'a', min: 5 }, { level: 'b', min: 1 }])).toThrow(InvalidCutScoresError);
    expect(() => assignLevels([1], [])).toThrow(/at least one level/);
  });
});
