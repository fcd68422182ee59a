import {
  assertValidTemplate,
  InvalidTemplateError,
  maxLengthOf,
  questionsInOrder,
  validateTemplate,
  type Question,
  type SurveyTemplate,
} from './template';

/** A template using every question type and operator; each test breaks one thing in a copy. */
function validTemplate(): SurveyTemplate {
  return {
    title: '2025년 AI 교육 실태조사',
    sections: [
      {
        id: 'basic',
        title: '기본 정보',
        questions: [
          {
            id: 'school_level',
            text: '학교급을 선택해 주세요.',
            required: true,
            type: 'single',
            options: [
              { value: 'elementary', label: '초등학교' },
              { value: 'middle', label: '중학교' },
              { value: 'high', label: '고등학교' },
            ],
          },
          { id: 'teachers', text: '교원 수', required: true, type: 'numeric', min: 0, max: 500, integer: true },
          { id: 'satisfaction', text: 'AI 교육 지원에 만족하십니까?', required: true, type: 'likert5' },
        ],
      },
      {
        id: 'detail',
        title: '세부 문항',
        questions: [
          {
            id: 'high_only',
            text: '고등학교 전용 문항',
            required: false,
            type: 'short_text',
            showIf: { questionId: 'school_level', operator: 'equals', value: 'high' },
          },
          {
            id: 'tools',
            text: '사용하는 도구를 모두 고르세요.',
            required: false,
            type: 'multiple',
            options: [
              { value: 'chatbot', label: '챗봇' },
              { value: 'coding', label: '코딩 교구' },
              { value: 'lms', label: '학습관리시스템' },
            ],
            minSelections: 1,
            maxSelections: 2,
          },
          {
            id: 'chatbot_use',
            text: '챗봇 활용 경험을 적어 주세요.',
            required: false,
            type: 'long_text',
            maxLength: 1000,
            showIf: { questionId: 'tools', operator: 'includes', value: 'chatbot' },
          },
          {
            id: 'why_unhappy',
            text: '불만족 이유',
            required: true,
            type: 'long_text',
            showIf: { questionId: 'satisfaction', operator: 'lte', value: 2 },
          },
          {
            id: 'large_school',
            text: '대규모 학교 지원 필요성',
            required: false,
            type: 'likert5',
            showIf: { questionId: 'teachers', operator: 'gte', value: 50 },
          },
          {
            id: 'not_elementary',
            text: '중·고등학교 문항',
            required: false,
            type: 'single',
            options: [
              { value: 'yes', label: '예' },
              { value: 'no', label: '아니요' },
            ],
            showIf: { questionId: 'school_level', operator: 'not_equals', value: 'elementary' },
          },
          {
            id: 'priorities',
            text: '우선순위를 정해 주세요.',
            required: false,
            type: 'ranking',
            options: [
              { value: 'training', label: '연수' },
              { value: 'devices', label: '기기' },
            ],
          },
        ],
      },
    ],
  };
}

/** Path of question `q` of section `s`, as problems report it. */
const at = (s: number, q: number) => `sections[${s}].questions[${q}]`;

function withQuestion(s: number, q: number, change: (question: Question) => Question | Record<string, unknown>): unknown {
  const template = validTemplate();
  template.sections[s].questions[q] = change(template.sections[s].questions[q]) as Question;
  return template;
}

describe('validateTemplate', () => {
  it('accepts a template using every type and operator', () => {
    expect(validateTemplate(validTemplate())).toEqual([]);
  });

  describe('shape', () => {
    it.each([null, [], 'template', 42])('rejects %p as a template', (def) => {
      expect(validateTemplate(def)).toEqual([{ path: '', reason: 'template must be an object' }]);
    });

    it('requires a title and at least one section', () => {
      expect(validateTemplate({ title: ' ', sections: [] })).toEqual([
        { path: 'title', reason: 'title must be a non-empty string' },
        { path: 'sections', reason: 'sections must be a non-empty array' },
      ]);
    });

    it('requires sections to have an id, a title and questions', () => {
      const problems = validateTemplate({ title: '조사', sections: [{ id: 'Bad Id', title: '', questions: [] }, 'x'] });
      expect(problems).toEqual([
        { path: 'sections[0].id', reason: expect.stringContaining('slug') },
        { path: 'sections[0].title', reason: 'section title must be a non-empty string' },
        { path: 'sections[0].questions', reason: 'questions must be a non-empty array' },
        { path: 'sections[1]', reason: 'section must be an object' },
      ]);
    });

    it('rejects duplicate section ids', () => {
      const template = validTemplate();
      template.sections[1].id = 'basic';
      expect(validateTemplate(template)).toEqual([
        { path: 'sections[1].id', reason: 'duplicate section id "basic" (first used at sections[0])' },
      ]);
    });

    it('reports unknown properties at every level', () => {
      const template = validTemplate() as unknown as Record<string, any>;
      template.version = 2;
      template.sections[0].intro = '안내';
      template.sections[0].questions[0].options[0].color = 'red';
      template.sections[0].questions[1].maxlength = 10;
      expect(validateTemplate(template)).toEqual([
        { path: 'version', reason: 'unknown property' },
        { path: 'sections[0].intro', reason: 'unknown property' },
        { path: `${at(0, 0)}.options[0].color`, reason: 'unknown property' },
        { path: `${at(0, 1)}.maxlength`, reason: 'unknown property' },
      ]);
    });

    it('reports properties that belong to another question type', () => {
      const problems = validateTemplate(withQuestion(0, 1, (q) => ({ ...q, maxLength: 10, options: [] })));
      expect(problems).toEqual([
        { path: `${at(0, 1)}.maxLength`, reason: 'maxLength does not apply to numeric questions' },
        { path: `${at(0, 1)}.options`, reason: 'options does not apply to numeric questions' },
      ]);
    });

    it('requires id, text, required and a known type on each question', () => {
      const problems = validateTemplate(withQuestion(1, 6, () => ({ id: 'Q 1', text: '', required: 'yes', type: 'matrix', options: [], foo: 1 })));
      expect(problems).toEqual([
        { path: `${at(1, 6)}.id`, reason: expect.stringContaining('slug') },
        { path: `${at(1, 6)}.text`, reason: 'question text must be a non-empty string' },
        { path: `${at(1, 6)}.required`, reason: 'required must be true or false' },
        { path: `${at(1, 6)}.type`, reason: expect.stringContaining('type must be one of likert5') },
        { path: `${at(1, 6)}.foo`, reason: 'unknown property' },
      ]);
    });

    it.each(['__proto__', '1st', 'a'.repeat(65), 'Upper', 'with space', ''])('rejects %p as a question id', (id) => {
      expect(validateTemplate(withQuestion(1, 6, (q) => ({ ...q, id })))).toEqual([{ path: `${at(1, 6)}.id`, reason: expect.stringContaining('slug') }]);
    });

    it('rejects duplicate question ids across sections', () => {
      const problems = validateTemplate(withQuestion(1, 6, (q) => ({ ...q, id: 'teachers' })));
      expect(problems).toEqual([{ path: `${at(1, 6)}.id`, reason: `duplicate question id "teachers" (first used at ${at(0, 1)})` }]);
    });
  });

  describe('choice options', () => {
    it('rejects a single question with only one option', () => {
      const problems = validateTemplate(withQuestion(0, 0, (q) => ({ ...q, options: [{ value: 'only', label: '하나' }] })));
      expect(problems).toContainEqual({ path: `${at(0, 0)}.options`, reason: 'at least two options are required' });
    });

    it('requires options on single, multiple and ranking questions', () => {
      const problems = validateTemplate(withQuestion(1, 6, (q) => ({ ...q, options: undefined })));
      expect(problems).toEqual([{ path: `${at(1, 6)}.options`, reason: 'options must be an array of { value, label }' }]);
    });

    it('rejects duplicate option values and labels, and blank ones', () => {
      const options = [
        { value: 'a', label: '가' },
        { value: 'a', label: '나' },
        { value: 'b', label: ' 가 ' },
        { value: '', label: '' },
        'c',
      ];
      const problems = validateTemplate(withQuestion(1, 6, (q) => ({ ...q, options })));
      expect(problems).toEqual([
        { path: `${at(1, 6)}.options[1].value`, reason: `duplicate option value "a" (first used at ${at(1, 6)}.options[0])` },
        { path: `${at(1, 6)}.options[2].label`, reason: `duplicate option label (first used at ${at(1, 6)}.options[0])` },
        { path: `${at(1, 6)}.options[3].value`, reason: 'option value must be a non-empty string' },
        { path: `${at(1, 6)}.options[3].label`, reason: 'option label must be a non-empty string' },
        { path: `${at(1, 6)}.options[4]`, reason: 'option must be an object { value, label }' },
      ]);
    });

    it('checks selection bounds of multiple questions', () => {
      expect(validateTemplate(withQuestion(1, 1, (q) => ({ ...q, minSelections: 3, maxSelections: 2 })))).toEqual([
        { path: `${at(1, 1)}.minSelections`, reason: 'minSelections must not exceed maxSelections' },
      ]);
      expect(validateTemplate(withQuestion(1, 1, (q) => ({ ...q, minSelections: 0, maxSelections: 4 })))).toEqual([
        { path: `${at(1, 1)}.minSelections`, reason: 'minSelections must be a positive integer' },
        { path: `${at(1, 1)}.maxSelections`, reason: 'maxSelections exceeds the number of options (3)' },
      ]);
    });
  });

  describe('numeric bounds', () => {
    it('rejects min greater than max', () => {
      expect(validateTemplate(withQuestion(0, 1, (q) => ({ ...q, min: 10, max: 5 })))).toEqual([
        { path: `${at(0, 1)}.min`, reason: 'min must not exceed max' },
      ]);
    });

    it('accepts min equal to max and open bounds', () => {
      expect(validateTemplate(withQuestion(0, 1, (q) => ({ ...q, min: 5, max: 5 })))).toEqual([]);
      expect(validateTemplate(withQuestion(0, 1, (q) => ({ ...q, min: undefined, max: undefined, integer: undefined })))).toEqual([]);
    });

    it('rejects non-finite bounds, fractional bounds of integer questions and a non-boolean integer flag', () => {
      expect(validateTemplate(withQuestion(0, 1, (q) => ({ ...q, min: 0.5, max: Infinity })))).toEqual([
        { path: `${at(0, 1)}.min`, reason: 'min must be a whole number when integer is true' },
        { path: `${at(0, 1)}.max`, reason: 'max must be a finite number' },
      ]);
      expect(validateTemplate(withQuestion(0, 1, (q) => ({ ...q, integer: 'yes' })))).toEqual([
        { path: `${at(0, 1)}.integer`, reason: 'integer must be true or false' },
      ]);
    });
  });

  describe('text length', () => {
    it.each([0, -1, 1.5, '200'])('rejects maxLength %p', (maxLength) => {
      expect(validateTemplate(withQuestion(1, 0, (q) => ({ ...q, maxLength })))).toEqual([
        { path: `${at(1, 0)}.maxLength`, reason: 'maxLength must be a positive integer' },
      ]);
    });

    it('defaults to 200 for short and 4000 for long text', () => {
      const questions = questionsInOrder(validTemplate());
      const byId = (id: string) => questions.find((q) => q.id === id)!;
      expect(maxLengthOf(byId('high_only'))).toBe(200);
      expect(maxLengthOf(byId('why_unhappy'))).toBe(4000);
      expect(maxLengthOf(byId('chatbot_use'))).toBe(1000);
      expect(() => maxLengthOf(byId('teachers'))).toThrow(TypeError);
    });
  });

  describe('showIf', () => {
    it('rejects a forward reference', () => {
      // tools (section 1, question 1) made to depend on priorities, which comes after it.
      const problems = validateTemplate(
        withQuestion(1, 1, (q) => ({ ...q, showIf: { questionId: 'priorities', operator: 'equals', value: 'x' } })),
      );
      expect(problems).toEqual([
        { path: `${at(1, 1)}.showIf.questionId`, reason: 'refers to "priorities", which comes later; showIf may only refer to an earlier question' },
      ]);
    });

    it('rejects a forward reference across sections', () => {
      const problems = validateTemplate(
        withQuestion(0, 0, (q) => ({ ...q, showIf: { questionId: 'large_school', operator: 'gte', value: 3 } })),
      );
      expect(problems).toEqual([{ path: `${at(0, 0)}.showIf.questionId`, reason: expect.stringContaining('comes later') }]);
    });

    it('rejects a mutual (cyclic) dependency: the later half is fine, the earlier half is a forward reference', () => {
      const template = validTemplate();
      template.sections[0].questions[0].showIf = { questionId: 'satisfaction', operator: 'gte', value: 3 };
      template.sections[0].questions[2].showIf = { questionId: 'school_level', operator: 'equals', value: 'high' };
      expect(validateTemplate(template)).toEqual([{ path: `${at(0, 0)}.showIf.questionId`, reason: expect.stringContaining('comes later') }]);
    });

    it('rejects a self reference and an unknown question', () => {
      expect(
        validateTemplate(withQuestion(0, 2, (q) => ({ ...q, showIf: { questionId: 'satisfaction', operator: 'gte', value: 3 } }))),
      ).toEqual([{ path: `${at(0, 2)}.showIf.questionId`, reason: 'a question cannot depend on itself' }]);
      expect(
        validateTemplate(withQuestion(0, 2, (q) => ({ ...q, showIf: { questionId: 'nope', operator: 'gte', value: 3 } }))),
      ).toEqual([{ path: `${at(0, 2)}.showIf.questionId`, reason: 'refers to unknown question "nope"' }]);
    });

    it.each([
      ['includes on single', 'school_level', 'includes', 'high', 'operator'],
      ['gte on single', 'school_level', 'gte', 1, 'operator'],
      ['equals on multiple', 'tools', 'equals', 'chatbot', 'operator'],
      ['includes on likert5', 'satisfaction', 'includes', 3, 'operator'],
      ['includes on numeric', 'teachers', 'includes', 3, 'operator'],
    ])('rejects an operator/type mismatch: %s', (_, questionId, operator, value, field) => {
      const problems = validateTemplate(withQuestion(1, 6, (q) => ({ ...q, showIf: { questionId, operator, value } })));
      expect(problems).toEqual([{ path: `${at(1, 6)}.showIf.${field}`, reason: expect.stringMatching(/does not apply to \w+ questions/) }]);
    });

    it.each([
      ['a value that is not an option of single', 'school_level', 'equals', 'university'],
      ['a number for single', 'school_level', 'equals', 1],
      ['a value that is not an option of multiple', 'tools', 'includes', 'robots'],
      ['likert value 6', 'satisfaction', 'gte', 6],
      ['likert value 2.5', 'satisfaction', 'lte', 2.5],
      ['likert value "3"', 'satisfaction', 'equals', '3'],
      ['a string for numeric', 'teachers', 'gte', '50'],
      ['a fraction equal to an integer question', 'teachers', 'equals', 2.5],
    ])('rejects an incompatible value: %s', (_, questionId, operator, value) => {
      const problems = validateTemplate(withQuestion(1, 6, (q) => ({ ...q, showIf: { questionId, operator, value } })));
      expect(problems).toEqual([{ path: `${at(1, 6)}.showIf.value`, reason: expect.any(String) }]);
    });

    it('accepts a fractional threshold on an integer question for gte/lte', () => {
      const problems = validateTemplate(
        withQuestion(1, 6, (q) => ({ ...q, showIf: { questionId: 'teachers', operator: 'gte', value: 2.5 } })),
      );
      expect(problems).toEqual([]);
    });

    it.each(['high_only', 'chatbot_use', 'priorities'])('refuses to branch on %s (text or ranking)', (questionId) => {
      const template = validTemplate();
      template.sections[1].questions.push({
        id: 'late',
        text: '마지막',
        required: false,
        type: 'likert5',
        showIf: { questionId, operator: 'equals', value: 'x' },
      });
      expect(validateTemplate(template)).toEqual([
        { path: `${at(1, 7)}.showIf.questionId`, reason: expect.stringContaining('cannot be used in a showIf condition') },
      ]);
    });

    it('rejects a malformed showIf', () => {
      expect(validateTemplate(withQuestion(1, 6, (q) => ({ ...q, showIf: 'tools' })))).toEqual([
        { path: `${at(1, 6)}.showIf`, reason: 'showIf must be an object { questionId, operator, value }' },
      ]);
      expect(validateTemplate(withQuestion(1, 6, (q) => ({ ...q, showIf: { questionId: 1, operator: 'is', value: 1, extra: true } })))).toEqual([
        { path: `${at(1, 6)}.showIf.extra`, reason: 'unknown property' },
        { path: `${at(1, 6)}.showIf.operator`, reason: expect.stringContaining('operator must be one of') },
        { path: `${at(1, 6)}.showIf.questionId`, reason: 'questionId must be a string' },
      ]);
    });
  });
});

describe('assertValidTemplate', () => {
  it('passes a valid template and throws all problems for an invalid one', () => {
    expect(() => assertValidTemplate(validTemplate())).not.toThrow();
    const invalid = withQuestion(0, 1, (q) => ({ ...q, min: 10, max: 5 }));
    expect(() => assertValidTemplate(invalid)).toThrow(InvalidTemplateError);
    try {
      assertValidTemplate(invalid);
    } catch (e) {
      expect((e as InvalidTemplateError).problems).toEqual([{ path: `${at(0, 1)}.min`, reason: 'min must not exceed max' }]);
      expect((e as Error).message).toContain('min must not exceed max');
    }
  });
});

describe('questionsInOrder', () => {
  it('lists questions section by section', () => {
    expect(questionsInOrder(validTemplate()).map((q) => q.id)).toEqual([
      'school_level',
      'teachers',
      'satisfaction',
      'high_only',
      'tools',
      'chatbot_use',
      'why_unhappy',
      'large_school',
      'not_elementary',
      'priorities',
    ]);
  });
});
