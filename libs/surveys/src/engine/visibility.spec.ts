import type { SurveyTemplate } from './template';
import { validateTemplate } from './template';
import { visibleQuestions } from './visibility';

const yesNo = [
  { value: 'yes', label: '예' },
  { value: 'no', label: '아니요' },
];

// uses_ai → rating → hours → hours_detail is a chain: each link depends on the one before.
const template: SurveyTemplate = {
  title: 'AI 활용 수요조사',
  sections: [
    {
      id: 'use',
      title: '활용',
      questions: [
        { id: 'uses_ai', text: 'AI 도구를 수업에 활용하십니까?', required: true, type: 'single', options: yesNo },
        { id: 'rating', text: '활용 만족도', required: true, type: 'likert5', showIf: { questionId: 'uses_ai', operator: 'equals', value: 'yes' } },
        { id: 'hours', text: '주당 활용 시간', required: true, type: 'numeric', min: 0, max: 40, showIf: { questionId: 'rating', operator: 'gte', value: 4 } },
        { id: 'hours_detail', text: '짧은 활용 사례', required: false, type: 'short_text', showIf: { questionId: 'hours', operator: 'lte', value: 10 } },
        { id: 'why_not', text: '활용하지 않는 이유', required: false, type: 'long_text', showIf: { questionId: 'uses_ai', operator: 'not_equals', value: 'yes' } },
      ],
    },
    {
      id: 'needs',
      title: '요구',
      questions: [
        {
          id: 'needs',
          text: '필요한 지원',
          required: false,
          type: 'multiple',
          options: [
            { value: 'training', label: '연수' },
            { value: 'devices', label: '기기' },
          ],
        },
        { id: 'training_topic', text: '희망 연수 주제', required: false, type: 'short_text', showIf: { questionId: 'needs', operator: 'includes', value: 'training' } },
        { id: 'constructor', text: '기타 의견', required: false, type: 'long_text' },
      ],
    },
  ],
};

const sorted = (set: Set<string>) => [...set].sort();

describe('visibleQuestions', () => {
  it('uses a valid template', () => {
    expect(validateTemplate(template)).toEqual([]);
  });

  it('shows only unconditional questions before anything is answered (not_equals included)', () => {
    expect(sorted(visibleQuestions(template, {}))).toEqual(['constructor', 'needs', 'uses_ai']);
  });

  it('follows a chain of conditions as it is answered', () => {
    expect(visibleQuestions(template, { uses_ai: 'yes' }).has('rating')).toBe(true);
    expect(visibleQuestions(template, { uses_ai: 'yes' }).has('hours')).toBe(false);
    expect(visibleQuestions(template, { uses_ai: 'yes', rating: 4 }).has('hours')).toBe(true);
    const all = visibleQuestions(template, { uses_ai: 'yes', rating: 5, hours: 10 });
    expect(sorted(all)).toEqual(['constructor', 'hours', 'hours_detail', 'needs', 'rating', 'uses_ai']);
  });

  it('hides the rest of a chain when an earlier answer changes, ignoring the stale answers', () => {
    const visible = visibleQuestions(template, { uses_ai: 'no', rating: 5, hours: 3, hours_detail: '수업' });
    expect(sorted(visible)).toEqual(['constructor', 'needs', 'uses_ai', 'why_not']);
  });

  it('hides a question whose condition is on a hidden question, even if that one has a matching answer', () => {
    // rating is hidden (uses_ai = no), so its stale 5 must not reveal hours.
    expect(visibleQuestions(template, { uses_ai: 'no', rating: 5 }).has('hours')).toBe(false);
  });

  it('breaks the chain in the middle', () => {
    const visible = visibleQuestions(template, { uses_ai: 'yes', rating: 3, hours: 3 });
    expect(visible.has('rating')).toBe(true);
    expect(visible.has('hours')).toBe(false);
    expect(visible.has('hours_detail')).toBe(false);
  });

  it.each([
    ['gte below the threshold', { uses_ai: 'yes', rating: 3 }, 'hours', false],
    ['gte at the threshold', { uses_ai: 'yes', rating: 4 }, 'hours', true],
    ['lte at the threshold', { uses_ai: 'yes', rating: 4, hours: 10 }, 'hours_detail', true],
    ['lte above the threshold', { uses_ai: 'yes', rating: 4, hours: 10.5 }, 'hours_detail', false],
    ['equals', { uses_ai: 'yes' }, 'rating', true],
    ['equals, other value', { uses_ai: 'no' }, 'rating', false],
    ['not_equals, other value', { uses_ai: 'no' }, 'why_not', true],
    ['not_equals, same value', { uses_ai: 'yes' }, 'why_not', false],
    ['includes', { needs: ['devices', 'training'] }, 'training_topic', true],
    ['includes, not selected', { needs: ['devices'] }, 'training_topic', false],
  ])('evaluates %s', (_, answers, questionId, expected) => {
    expect(visibleQuestions(template, answers).has(questionId)).toBe(expected);
  });

  it.each([
    ['a likert answer sent as a string', { uses_ai: 'yes', rating: '5' }, 'hours'],
    ['a likert answer out of range', { uses_ai: 'yes', rating: 6 }, 'hours'],
    ['an answer that is not an option', { uses_ai: 'maybe' }, 'why_not'],
    ['a numeric answer outside the question range', { uses_ai: 'yes', rating: 5, hours: -1 }, 'hours_detail'],
    ['a selection with an unknown option', { needs: ['training', 'money'] }, 'training_topic'],
    ['a blank answer', { uses_ai: '' }, 'why_not'],
  ])('treats an invalid referenced answer as unanswered: %s', (_, answers, questionId) => {
    expect(visibleQuestions(template, answers).has(questionId)).toBe(false);
  });

  it('reads only own properties of the answers', () => {
    const inherited = Object.create({ uses_ai: 'yes' }) as Record<string, unknown>;
    expect(visibleQuestions(template, inherited).has('rating')).toBe(false);
  });

  it.each([null, undefined, 'yes', ['yes']])('treats %p answers as none', (answers) => {
    expect(sorted(visibleQuestions(template, answers))).toEqual(['constructor', 'needs', 'uses_ai']);
  });

  it('hides questions whose condition cannot be resolved in an invalid template', () => {
    const broken: SurveyTemplate = {
      title: '잘못된 템플릿',
      sections: [
        {
          id: 's',
          title: '섹션',
          questions: [
            { id: 'early', text: '앞 문항', required: false, type: 'likert5', showIf: { questionId: 'late', operator: 'gte', value: 1 } },
            { id: 'late', text: '뒤 문항', required: false, type: 'likert5' },
            { id: 'ghost', text: '없는 문항 참조', required: false, type: 'likert5', showIf: { questionId: 'nope', operator: 'gte', value: 1 } },
          ],
        },
      ],
    };
    expect(sorted(visibleQuestions(broken, { early: 3, late: 3 }))).toEqual(['late']);
  });
});
