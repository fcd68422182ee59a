import { validateAnswers } from './answers';
import { validateTemplate, type SurveyTemplate } from './template';

const template: SurveyTemplate = {
  title: '디지털 교육 만족도 조사',
  sections: [
    {
      id: 'main',
      title: '본 문항',
      questions: [
        { id: 'sat', text: '전반적으로 만족하십니까?', required: true, type: 'likert5' },
        {
          id: 'level',
          text: '학교급',
          required: true,
          type: 'single',
          options: [
            { value: 'elementary', label: '초등학교' },
            { value: 'middle', label: '중학교' },
            { value: 'high', label: '고등학교' },
          ],
        },
        {
          id: 'tools',
          text: '활용 도구(2~3개)',
          required: false,
          type: 'multiple',
          minSelections: 2,
          maxSelections: 3,
          options: [
            { value: 'a', label: '가' },
            { value: 'b', label: '나' },
            { value: 'c', label: '다' },
            { value: 'd', label: '라' },
          ],
        },
        { id: 'hours', text: '연수 시간', required: false, type: 'numeric', min: 0, max: 100, integer: true },
        { id: 'ratio', text: '활용 비율', required: false, type: 'numeric', min: 0, max: 1 },
        { id: 'nickname', text: '별칭', required: false, type: 'short_text', maxLength: 5 },
        { id: 'comment', text: '의견', required: false, type: 'long_text' },
        {
          id: 'rank',
          text: '우선순위',
          required: false,
          type: 'ranking',
          options: [
            { value: 'x', label: '연수' },
            { value: 'y', label: '기기' },
            { value: 'z', label: '콘텐츠' },
          ],
        },
        { id: 'why', text: '불만족 이유', required: true, type: 'long_text', showIf: { questionId: 'sat', operator: 'lte', value: 2 } },
      ],
    },
  ],
};

const base = { sat: 4, level: 'middle' };
const final = { partial: false };
const partial = { partial: true };

/** Validates `base` plus one answer, finally. */
const one = (id: string, value: unknown) => validateAnswers(template, { ...base, [id]: value }, final);

describe('validateAnswers', () => {
  it('uses a valid template', () => {
    expect(validateTemplate(template)).toEqual([]);
  });

  it('accepts a complete, valid submission and returns it cleaned', () => {
    const answers = {
      sat: 2,
      level: 'high',
      tools: ['c', 'a'],
      hours: 12,
      ratio: 0.25,
      nickname: '  별빛  ',
      comment: '좋아요',
      rank: ['z', 'x', 'y'],
      why: '시간이 부족합니다.',
    };
    expect(validateAnswers(template, answers, final)).toEqual({
      problems: [],
      cleaned: { ...answers, tools: ['a', 'c'], nickname: '별빛' },
    });
  });

  describe('likert5', () => {
    it.each([1, 3, 5])('accepts %p', (v) => {
      // Partial, so that sat <= 2 does not also demand the follow-up question.
      expect(validateAnswers(template, { sat: v }, partial)).toEqual({ problems: [], cleaned: { sat: v } });
    });
    it.each([0, 6, 2.5, '3', true, [3], NaN])('rejects %p', (v) => {
      expect(one('sat', v).problems).toEqual([{ path: 'answers.sat', reason: 'must be a whole number from 1 to 5' }]);
    });
  });

  describe('single', () => {
    it('accepts an option value', () => {
      expect(one('level', 'high').cleaned.level).toBe('high');
    });
    it.each([
      ['university', '"university" is not an option'],
      ['고등학교', '"고등학교" is not an option'],
      [1, 'must be one option value'],
      [['high'], 'must be one option value'],
    ])('rejects %p', (v, reason) => {
      expect(one('level', v).problems).toEqual([{ path: 'answers.level', reason }]);
    });
  });

  describe('multiple', () => {
    it.each([
      [['a', 'b'], ['a', 'b']],
      [['d', 'b', 'a'], ['a', 'b', 'd']],
    ])('accepts %p, stored in option order', (v, stored) => {
      expect(one('tools', v)).toEqual({ problems: [], cleaned: { ...base, tools: stored } });
    });
    it.each([
      [['a'], 'select at least 2'],
      [['a', 'b', 'c', 'd'], 'select at most 3'],
      [['a', 'a'], 'an option is selected more than once'],
      [['a', 'e', 'f'], 'not options: "e", "f"'],
      ['a', 'must be an array of option values'],
      [['a', 1], 'must be an array of option values'],
    ])('rejects %p', (v, reason) => {
      expect(one('tools', v).problems).toEqual([{ path: 'answers.tools', reason }]);
    });
    it('treats an empty selection as unanswered', () => {
      expect(one('tools', [])).toEqual({ problems: [], cleaned: base });
    });
    it('defaults to at least one and at most all options', () => {
      const open: SurveyTemplate = {
        title: 't',
        sections: [{ id: 's', title: 's', questions: [{ ...template.sections[0].questions[2], minSelections: undefined, maxSelections: undefined }] }],
      };
      expect(validateAnswers(open, { tools: ['a'] }, final).problems).toEqual([]);
      expect(validateAnswers(open, { tools: ['a', 'b', 'c', 'd'] }, final).problems).toEqual([]);
    });
  });

  describe('numeric', () => {
    it.each([0, 100, 37])('accepts %p for an integer question', (v) => {
      expect(one('hours', v)).toEqual({ problems: [], cleaned: { ...base, hours: v } });
    });
    it.each([
      [12.5, 'must be a whole number'],
      [-1, 'must be at least 0'],
      [101, 'must be at most 100'],
      ['12', 'must be a finite number'],
      [Infinity, 'must be a finite number'],
      [NaN, 'must be a finite number'],
    ])('rejects %p for an integer question', (v, reason) => {
      expect(one('hours', v).problems).toEqual([{ path: 'answers.hours', reason }]);
    });
    it('accepts fractions when the question allows them', () => {
      expect(one('ratio', 0.333).cleaned.ratio).toBe(0.333);
      expect(one('ratio', 1.01).problems).toEqual([{ path: 'answers.ratio', reason: 'must be at most 1' }]);
    });
    it('stores -0 as 0', () => {
      expect(Object.is(one('ratio', -0).cleaned.ratio, 0)).toBe(true);
    });
  });

  describe('text', () => {
    it('trims and measures in code points', () => {
      expect(one('nickname', ' 가나다라마 ').cleaned.nickname).toBe('가나다라마');
      expect(one('nickname', '😀😀😀😀😀').problems).toEqual([]); // 10 UTF-16 units, 5 characters
      expect(one('nickname', '가나다라마바').problems).toEqual([{ path: 'answers.nickname', reason: 'must be at most 5 characters (got 6)' }]);
    });
    it('normalises decomposed Hangul before measuring', () => {
      const decomposed = '가나다라마'.normalize('NFD'); // 10 code points
      expect(decomposed.length).toBe(10);
      expect(one('nickname', decomposed)).toEqual({ problems: [], cleaned: { ...base, nickname: '가나다라마' } });
    });
    it('applies the 4000 default to long text', () => {
      expect(one('comment', '가'.repeat(4000)).problems).toEqual([]);
      expect(one('comment', '가'.repeat(4001)).problems).toEqual([{ path: 'answers.comment', reason: 'must be at most 4000 characters (got 4001)' }]);
    });
    it.each([42, ['글'], { text: '글' }])('rejects %p', (v) => {
      expect(one('comment', v).problems).toEqual([{ path: 'answers.comment', reason: 'must be text' }]);
    });
    it('treats whitespace as unanswered', () => {
      expect(one('comment', ' \n\t ')).toEqual({ problems: [], cleaned: base });
    });
  });

  describe('ranking', () => {
    it('accepts a permutation of all options, keeping its order', () => {
      expect(one('rank', ['y', 'z', 'x'])).toEqual({ problems: [], cleaned: { ...base, rank: ['y', 'z', 'x'] } });
    });
    it.each([
      [['x', 'y'], 'must rank every option exactly once'],
      [['x', 'y', 'y'], 'must rank every option exactly once'],
      [['x', 'y', 'z', 'x'], 'must rank every option exactly once'],
      [['x', 'y', 'w'], 'must rank every option exactly once'],
      ['x', 'must be an array of option values in ranked order'],
      [[1, 2, 3], 'must be an array of option values in ranked order'],
    ])('rejects %p', (v, reason) => {
      expect(one('rank', v).problems).toEqual([{ path: 'answers.rank', reason }]);
    });
  });

  describe('required questions', () => {
    it('are enforced on final submission, for visible questions only', () => {
      expect(validateAnswers(template, {}, final).problems).toEqual([
        { path: 'answers.sat', reason: 'required' },
        { path: 'answers.level', reason: 'required' },
      ]);
      // why is required but hidden unless sat <= 2.
      expect(validateAnswers(template, { sat: 1, level: 'high' }, final).problems).toEqual([{ path: 'answers.why', reason: 'required' }]);
    });

    it.each([
      ['level', null],
      ['level', ''],
      ['sat', null],
      ['why', null],
      ['why', ' \n '],
    ])('count %s = %p as unanswered', (id, blank) => {
      const answers = { sat: 1, level: 'high', why: '이유', [id]: blank };
      expect(validateAnswers(template, answers, final).problems).toEqual([{ path: `answers.${id}`, reason: 'required' }]);
    });

    it('count an empty selection as unanswered', () => {
      const requiredTools: SurveyTemplate = {
        title: 't',
        sections: [{ id: 's', title: 's', questions: [{ ...template.sections[0].questions[2], required: true }] }],
      };
      expect(validateAnswers(requiredTools, { tools: [] }, final).problems).toEqual([{ path: 'answers.tools', reason: 'required' }]);
    });

    it('do not accept whitespace as a choice', () => {
      expect(validateAnswers(template, { sat: 3, level: ' ' }, final).problems).toEqual([{ path: 'answers.level', reason: '" " is not an option' }]);
    });

    it('are not enforced on a partial save, which still checks the values given', () => {
      expect(validateAnswers(template, {}, partial)).toEqual({ problems: [], cleaned: {} });
      expect(validateAnswers(template, { sat: 1 }, partial)).toEqual({ problems: [], cleaned: { sat: 1 } });
      expect(validateAnswers(template, { sat: 9, hours: 1.5 }, partial).problems).toEqual([
        { path: 'answers.sat', reason: 'must be a whole number from 1 to 5' },
        { path: 'answers.hours', reason: 'must be a whole number' },
      ]);
    });
  });

  describe('hidden questions', () => {
    it('drops their answers silently, valid or not', () => {
      expect(validateAnswers(template, { ...base, why: '이유' }, final)).toEqual({ problems: [], cleaned: base });
      expect(validateAnswers(template, { ...base, why: 42 }, final)).toEqual({ problems: [], cleaned: base });
      expect(validateAnswers(template, { why: 42 }, partial)).toEqual({ problems: [], cleaned: {} });
    });

    it('keeps them once the condition holds', () => {
      expect(validateAnswers(template, { sat: 2, level: 'high', why: ' 이유 ' }, final)).toEqual({
        problems: [],
        cleaned: { sat: 2, level: 'high', why: '이유' },
      });
      expect(validateAnswers(template, { sat: 2, level: 'high', why: 42 }, final).problems).toEqual([{ path: 'answers.why', reason: 'must be text' }]);
    });

    it('uses only valid answers to decide visibility', () => {
      // An invalid sat hides why, so only sat itself is reported.
      expect(validateAnswers(template, { sat: '1', level: 'high', why: 42 }, final).problems).toEqual([
        { path: 'answers.sat', reason: 'must be a whole number from 1 to 5' },
      ]);
    });
  });

  it('reports unknown question ids after the known ones, in partial mode too', () => {
    for (const options of [final, partial]) {
      expect(validateAnswers(template, { ...base, q99: 1, constructor: 'x', sat: 0 }, options)).toEqual({
        problems: [
          { path: 'answers.sat', reason: 'must be a whole number from 1 to 5' },
          { path: 'answers.q99', reason: 'unknown question' },
          { path: 'answers.constructor', reason: 'unknown question' },
        ],
        cleaned: { level: 'middle' },
      });
    }
  });

  it('reports an __proto__ key from JSON as unknown without touching the result', () => {
    const answers = JSON.parse('{"sat": 3, "level": "high", "__proto__": {"polluted": true}}') as unknown;
    const result = validateAnswers(template, answers, final);
    expect(result.problems).toEqual([{ path: 'answers.__proto__', reason: 'unknown question' }]);
    expect(Object.getPrototypeOf(result.cleaned)).toBe(Object.prototype);
    expect((result.cleaned as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([null, 'answers', [1, 2], 3])('rejects %p as the answers', (answers) => {
    expect(validateAnswers(template, answers, final)).toEqual({
      problems: [{ path: 'answers', reason: 'answers must be an object keyed by question id' }],
      cleaned: {},
    });
  });

  it('keeps the valid answers in cleaned when others are invalid', () => {
    expect(validateAnswers(template, { sat: 3, level: 'college', hours: 5 }, final)).toEqual({
      problems: [{ path: 'answers.level', reason: '"college" is not an option' }],
      cleaned: { sat: 3, hours: 5 },
    });
  });
});
