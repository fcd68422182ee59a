import { ChoiceMatrix } from './choices';
import { distractorAnalysis } from './distractors';
import type { ItemSpec } from './types';

const items: ItemSpec[] = [
  { id: 'mc', area: 'AI 이해', type: 'dichotomous', maxScore: 1, key: '2' },
  { id: 'essay', area: 'AI 윤리', type: 'partial', maxScore: 2 },
  { id: 'multi', area: 'AI 활용', type: 'dichotomous', maxScore: 1, key: ['A', 'B'] },
];

const responses = [
  ['2', 2, 'A'],
  ['2', 1, 'B'],
  ['1', 0, 'C'],
  ['3', 1, null],
  ['10', 0, 'A'],
  [null, 0, 'A'],
];
const totals = [4, 3, 0, 1, 1, 1];

describe('distractor analysis', () => {
  it('is the same from the one-byte choice matrix a large analysis keeps instead of the text', () => {
    const choices = new ChoiceMatrix(responses.length, items);
    responses.forEach((row, s) => choices.record(s, row.map((v) => (v === null ? '' : String(v)))));
    expect(choices.at(4, 0)).toBe('10');
    expect(choices.at(5, 0)).toBeNull();
    expect(choices.at(0, 1)).toBeNull(); // not a choice item: not kept
    const options = { totals, optionsOf: { mc: ['1', '2', '3', '4', '10'] } };
    expect(distractorAnalysis(items, choices, options)).toEqual(distractorAnalysis(items, responses, options));
  });

  it('counts each option, marks the key, and gives the mean total of the students who chose it', () => {
    const [mc, multi] = distractorAnalysis(items, responses, { totals, optionsOf: { mc: ['1', '2', '3', '4', '10'] } });
    expect(mc.itemId).toBe('mc');
    expect(mc).toMatchObject({ n: 6, answered: 5, omitted: 1 });
    expect(mc.options).toEqual([
      { option: '1', isKey: false, count: 1, proportion: 0.2, meanTotal: 0 },
      { option: '2', isKey: true, count: 2, proportion: 0.4, meanTotal: 3.5 },
      { option: '3', isKey: false, count: 1, proportion: 0.2, meanTotal: 1 },
      { option: '4', isKey: false, count: 0, proportion: 0, meanTotal: null },
      { option: '10', isKey: false, count: 1, proportion: 0.2, meanTotal: 1 },
    ]);
    expect(multi.options.map((o) => [o.option, o.isKey, o.count])).toEqual([
      ['A', true, 3],
      ['B', true, 1],
      ['C', false, 1],
    ]);
  });

  it('skips items without a key, sorts undeclared options naturally, and analyses a subset of rows', () => {
    const out = distractorAnalysis(items, responses, { rows: [0, 2, 4] });
    expect(out.map((d) => d.itemId)).toEqual(['mc', 'multi']);
    expect(out[0].options.map((o) => [o.option, o.count, o.meanTotal])).toEqual([
      ['1', 1, null],
      ['2', 1, null],
      ['10', 1, null],
    ]);
    expect(out[0].n).toBe(3);
  });
});
