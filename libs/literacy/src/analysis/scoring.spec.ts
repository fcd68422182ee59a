import { checkScores, normaliseResponse, scoreResponses, validateItems } from './scoring';
import { cell, scoreMatrix, type ItemSpec } from './types';

const items: ItemSpec[] = [
  { id: 'mc1', area: 'AI 이해', type: 'dichotomous', maxScore: 1, key: '3' },
  { id: 'mc2', area: 'AI 활용', type: 'dichotomous', maxScore: 1, key: ['A', 'C'] },
  { id: 'essay', area: 'AI 윤리', type: 'partial', maxScore: 3 },
  { id: 'ox', area: '디지털 리터러시', type: 'dichotomous', maxScore: 1 },
];

describe('scoring raw responses', () => {
  it('scores choice items against their keys and takes other items as scores', () => {
    const { matrix, problems } = scoreResponses(items, [
      ['3', 'A', 2, '1'],
      [3, 'C', '0', 0],
      ['2', 'B', ' 3 ', null],
      ['', null, undefined, '  '],
    ]);
    expect(problems).toEqual([]);
    const row = (s: number) => [0, 1, 2, 3].map((i) => cell(matrix, s, i));
    expect(row(0)).toEqual([1, 1, 2, 1]);
    expect(row(1)).toEqual([1, 1, 0, 0]);
    expect(row(2)).toEqual([0, 0, 3, null]);
    expect(row(3)).toEqual([null, null, null, null]);
  });

  it('reports every bad cell with its row, item and reason, and leaves it unscored', () => {
    const { matrix, problems } = scoreResponses(items, [
      ['1', 'A', 4, '1'],
      ['1', 'A', '1.5', 'x'],
      ['1', 'A'],
      ['1', 'A', -1, 2],
    ]);
    expect(problems).toEqual([
      { student: 0, itemId: 'essay', reason: 'score 4 is outside 0..3' },
      { student: 1, itemId: 'essay', reason: 'score 1.5 is not a whole number' },
      { student: 1, itemId: 'ox', reason: 'score is not a number' },
      { student: 2, itemId: '', reason: 'row has 2 responses, expected 4' },
      { student: 3, itemId: 'essay', reason: 'score -1 is outside 0..3' },
      { student: 3, itemId: 'ox', reason: 'score 2 is outside 0..1' },
    ]);
    expect(cell(matrix, 0, 2)).toBeNull();
    expect(cell(matrix, 2, 0)).toBeNull();
  });

  it('checks an already scored matrix', () => {
    expect(checkScores(items, scoreMatrix([[1, 0, 3, 1], [null, 1, 2.5, 0]]))).toEqual([
      { student: 1, itemId: 'essay', reason: 'score 2.5 is not a whole number' },
    ]);
  });

  it('normalises responses', () => {
    expect(normaliseResponse('  B ')).toBe('B');
    expect(normaliseResponse(4)).toBe('4');
    expect(normaliseResponse(NaN)).toBeNull();
    expect(normaliseResponse('')).toBeNull();
  });
});

describe('item metadata', () => {
  it('accepts good items and names every problem', () => {
    expect(validateItems(items)).toEqual([]);
    const bad: ItemSpec[] = [
      { id: 'a', area: 'x', type: 'dichotomous', maxScore: 2 },
      { id: 'a', area: 'x', type: 'partial', maxScore: 0 },
      { id: 'c', area: 'x', type: 'partial', maxScore: 2, key: [] },
      { id: '', area: 'x', type: 'essay' as never, maxScore: 1.5 },
    ];
    expect(validateItems(bad).map((p) => `${p.itemId}: ${p.reason}`)).toEqual([
      'a: a dichotomous item has maxScore 1',
      'a: duplicate item id',
      'a: maxScore must be a whole number of at least 1',
      'c: answer key is empty',
      ': item id is empty',
      ': unknown item type essay',
      ': maxScore must be a whole number of at least 1',
    ]);
  });
});
