import { distribution, moments, numericMoments, rankingMeanPositions, summarizeQuestion, topAnswers, type ResponseAnswers } from './stats';
import type { Question } from './template';

const sat: Question = { id: 'sat', text: '만족도', required: true, type: 'likert5' };
const hours: Question = { id: 'hours', text: '연수 시간', required: false, type: 'numeric', min: 0 };
const level: Question = {
  id: 'level',
  text: '학교급',
  required: true,
  type: 'single',
  options: [
    { value: 'elementary', label: '초등학교' },
    { value: 'middle', label: '중학교' },
    { value: 'high', label: '고등학교' },
  ],
};
const tools: Question = {
  id: 'tools',
  text: '활용 도구',
  required: false,
  type: 'multiple',
  options: [
    { value: 'a', label: '챗봇' },
    { value: 'b', label: '코딩' },
    { value: 'c', label: '디지털교과서' },
    { value: 'd', label: '기타' },
  ],
};
const rank: Question = {
  id: 'rank',
  text: '우선순위',
  required: false,
  type: 'ranking',
  options: [
    { value: 'x', label: '연수' },
    { value: 'y', label: '기기' },
    { value: 'z', label: '콘텐츠' },
  ],
};
const comment: Question = { id: 'comment', text: '의견', required: false, type: 'long_text' };

/*
 * Hand-computed figures for these responses:
 *   sat   1,2,2,3,5 (n 5): mean 13/5 = 2.6; squared deviations 2.56+0.36+0.36+0.16+5.76 = 9.2;
 *         population sd √(9.2/5) = √1.84; sample sd √(9.2/4) = √2.3.
 *   hours 2,4,4,4,5,5,7,9 (n 8): mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
 *         population sd √(32/8) = 2; sample sd √(32/7).
 *   level high ×3, elementary, middle (n 5).
 *   tools {a,b} {a} {a,c} {b} (n 4): a 3, b 2, c 1, d 0.
 *   rank  xyz, yxz, zxy (n 3): x at 1,2,2 → 5/3; y at 2,1,3 → 2; z at 3,3,1 → 7/3.
 */
const responses: ResponseAnswers[] = [
  { sat: 1, hours: 2, level: 'high', tools: ['a', 'b'], rank: ['x', 'y', 'z'], comment: '좋음' },
  { sat: 2, hours: 4, level: 'middle', tools: ['a'], rank: ['y', 'x', 'z'] },
  { sat: 2, hours: 4, level: 'high', tools: ['a', 'c'], rank: ['z', 'x', 'y'], comment: '보통' },
  { sat: 3, hours: 4, level: 'elementary', tools: ['b'] },
  { sat: 5, hours: 5, level: 'high' },
  { hours: 5 },
  { hours: 7 },
  { hours: 9, sat: undefined },
];

describe('distribution', () => {
  it('counts likert answers per point 1..5, zeros included', () => {
    expect(distribution(sat, responses)).toEqual({
      questionId: 'sat',
      n: 5,
      counts: [
        { value: 1, label: '1', count: 1, share: 0.2 },
        { value: 2, label: '2', count: 2, share: 0.4 },
        { value: 3, label: '3', count: 1, share: 0.2 },
        { value: 4, label: '4', count: 0, share: 0 },
        { value: 5, label: '5', count: 1, share: 0.2 },
      ],
    });
  });

  it('counts single-choice answers in option order', () => {
    expect(distribution(level, responses)).toEqual({
      questionId: 'level',
      n: 5,
      counts: [
        { value: 'elementary', label: '초등학교', count: 1, share: 0.2 },
        { value: 'middle', label: '중학교', count: 1, share: 0.2 },
        { value: 'high', label: '고등학교', count: 3, share: 0.6 },
      ],
    });
  });

  it('counts each selected option of multiple choice; shares are of respondents, so they sum above 1', () => {
    const result = distribution(tools, responses);
    expect(result.n).toBe(4);
    expect(result.counts.map((c) => [c.value, c.count, c.share])).toEqual([
      ['a', 3, 0.75],
      ['b', 2, 0.5],
      ['c', 1, 0.25],
      ['d', 0, 0],
    ]);
    expect(result.counts.reduce((s, c) => s + c.share!, 0)).toBe(1.5);
  });

  it('gives null shares when nobody answered', () => {
    expect(distribution(level, [{}, { sat: 3 }])).toEqual({
      questionId: 'level',
      n: 0,
      counts: [
        { value: 'elementary', label: '초등학교', count: 0, share: null },
        { value: 'middle', label: '중학교', count: 0, share: null },
        { value: 'high', label: '고등학교', count: 0, share: null },
      ],
    });
  });

  it('refuses questions without categories and answers outside them', () => {
    expect(() => distribution(hours, responses)).toThrow(TypeError);
    expect(() => distribution(rank, responses)).toThrow(TypeError);
    expect(() => distribution(level, [{ level: 'college' }])).toThrow('question level: "college" is not a category');
    expect(() => distribution(sat, [{ sat: 6 }])).toThrow(TypeError);
    expect(() => distribution(tools, [{ tools: 'a' }])).toThrow(TypeError);
  });
});

describe('moments', () => {
  it('matches hand-computed mean and standard deviations', () => {
    const result = moments([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result.n).toBe(8);
    expect(result.mean).toBe(5);
    expect(result.sdPopulation).toBe(2);
    expect(result.sdSample).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(result.sdSample).toBeCloseTo(2.138089935299395, 12);
  });

  it('follows PostgreSQL for tiny samples: no rows → nulls, one row → population 0, sample null', () => {
    expect(moments([])).toEqual({ n: 0, mean: null, sdPopulation: null, sdSample: null });
    expect(moments([4])).toEqual({ n: 1, mean: 4, sdPopulation: 0, sdSample: null });
  });

  it('stays accurate far from zero (two-pass)', () => {
    const result = moments([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(result.mean).toBe(1e9 + 10);
    expect(result.sdPopulation).toBeCloseTo(Math.sqrt(22.5), 9);
    expect(result.sdSample).toBeCloseTo(Math.sqrt(30), 9);
  });
});

describe('numericMoments', () => {
  it('computes likert mean and deviations over respondents who answered', () => {
    const result = numericMoments(sat, responses);
    expect(result.n).toBe(5);
    expect(result.mean).toBeCloseTo(2.6, 12);
    expect(result.sdPopulation).toBeCloseTo(Math.sqrt(1.84), 12);
    expect(result.sdPopulation).toBeCloseTo(1.3564659966250536, 12);
    expect(result.sdSample).toBeCloseTo(Math.sqrt(2.3), 12);
    expect(result.sdSample).toBeCloseTo(1.5165750888103102, 12);
  });

  it('computes numeric answers the same way', () => {
    expect(numericMoments(hours, responses)).toEqual(moments([2, 4, 4, 4, 5, 5, 7, 9]));
  });

  it('refuses other question types and non-numbers', () => {
    expect(() => numericMoments(level, responses)).toThrow(TypeError);
    expect(() => numericMoments(hours, [{ hours: '3' }])).toThrow(TypeError);
  });
});

describe('topAnswers', () => {
  it('lists the most chosen first, ties in option order', () => {
    expect(topAnswers(level, responses, 2)).toEqual([
      { value: 'high', label: '고등학교', count: 3, share: 0.6 },
      { value: 'elementary', label: '초등학교', count: 1, share: 0.2 },
    ]);
  });

  it('leaves out options nobody chose', () => {
    expect(topAnswers(tools, responses, 10).map((c) => [c.value, c.count])).toEqual([
      ['a', 3],
      ['b', 2],
      ['c', 1],
    ]);
  });

  it('works for likert and for a limit of 0', () => {
    expect(topAnswers(sat, responses, 1)).toEqual([{ value: 2, label: '2', count: 2, share: 0.4 }]);
    expect(topAnswers(sat, responses, 0)).toEqual([]);
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => topAnswers(level, responses, -1)).toThrow(RangeError);
    expect(() => topAnswers(level, responses, 1.5)).toThrow(RangeError);
  });
});

describe('rankingMeanPositions', () => {
  it('averages 1-based positions per option', () => {
    const result = rankingMeanPositions(rank, responses);
    expect(result.map((p) => [p.value, p.label, p.n])).toEqual([
      ['x', '연수', 3],
      ['y', '기기', 3],
      ['z', '콘텐츠', 3],
    ]);
    expect(result[0].meanPosition).toBeCloseTo(5 / 3, 12);
    expect(result[1].meanPosition).toBe(2);
    expect(result[2].meanPosition).toBeCloseTo(7 / 3, 12);
    // Every ranking uses positions 1..3 once, so the means always sum to 6.
    expect(result.reduce((s, p) => s + p.meanPosition!, 0)).toBeCloseTo(6, 12);
  });

  it('gives null means when nobody ranked', () => {
    expect(rankingMeanPositions(rank, [{}]).map((p) => p.meanPosition)).toEqual([null, null, null]);
  });

  it('refuses other question types and malformed rankings', () => {
    expect(() => rankingMeanPositions(tools, responses)).toThrow(TypeError);
    expect(() => rankingMeanPositions(rank, [{ rank: ['x', 'y'] }])).toThrow('incomplete ranking');
    expect(() => rankingMeanPositions(rank, [{ rank: ['x', 'y', 'w'] }])).toThrow(TypeError);
  });
});

describe('summarizeQuestion', () => {
  it('returns the aggregates for each type', () => {
    expect(summarizeQuestion(sat, responses)).toEqual({
      questionId: 'sat',
      type: 'likert5',
      distribution: distribution(sat, responses),
      moments: numericMoments(sat, responses),
    });
    expect(summarizeQuestion(level, responses)).toEqual({ questionId: 'level', type: 'single', distribution: distribution(level, responses) });
    expect(summarizeQuestion(tools, responses)).toEqual({ questionId: 'tools', type: 'multiple', distribution: distribution(tools, responses) });
    expect(summarizeQuestion(hours, responses)).toEqual({ questionId: 'hours', type: 'numeric', moments: numericMoments(hours, responses) });
    expect(summarizeQuestion(comment, responses)).toEqual({ questionId: 'comment', type: 'long_text', n: 2 });
    expect(summarizeQuestion(rank, responses)).toEqual({ questionId: 'rank', type: 'ranking', n: 3, positions: rankingMeanPositions(rank, responses) });
  });
});
