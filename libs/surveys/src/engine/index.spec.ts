import * as engine from './index';

describe('surveys engine public API', () => {
  it('exports the runtime API', () => {
    expect(Object.keys(engine).sort()).toEqual(
      [
        'DEFAULT_MAX_LENGTH',
        'DEFAULT_SUPPRESSION_THRESHOLD',
        'ID_PATTERN',
        'InvalidTemplateError',
        'MIN_SUPPRESSION_THRESHOLD',
        'OPERATORS_BY_TYPE',
        'QUESTION_TYPES',
        'SHOW_IF_OPERATORS',
        'assertThreshold',
        'assertValidTemplate',
        'canonicalJson',
        'checkAnswer',
        'distribution',
        'isChoiceType',
        'isTextType',
        'maxLengthOf',
        'moments',
        'numericMoments',
        'questionsInOrder',
        'rankingMeanPositions',
        'summarizeQuestion',
        'suppress',
        'templateFingerprint',
        'topAnswers',
        'validateAnswers',
        'validateTemplate',
        'visibleQuestions',
      ].sort(),
    );
  });

  it('runs a template from definition to suppressed results', () => {
    const template: engine.SurveyTemplate = {
      title: '학부모 만족도 조사',
      sections: [
        {
          id: 's1',
          title: '만족도',
          questions: [
            { id: 'overall', text: '전반적 만족도', required: true, type: 'likert5' },
            { id: 'reason', text: '불만족 이유', required: true, type: 'short_text', showIf: { questionId: 'overall', operator: 'lte', value: 2 } },
          ],
        },
      ],
    };
    engine.assertValidTemplate(template);
    expect(engine.templateFingerprint(template)).toHaveLength(64);

    const submissions = [{ overall: 5 }, { overall: 1, reason: ' 소통 부족 ' }, { overall: 4, reason: '남은 답' }];
    const cleaned = submissions.map((s) => {
      const { problems, cleaned } = engine.validateAnswers(template, s, { partial: false });
      expect(problems).toEqual([]);
      return cleaned;
    });
    expect(cleaned).toEqual([{ overall: 5 }, { overall: 1, reason: '소통 부족' }, { overall: 4 }]);

    const moments = engine.numericMoments(template.sections[0].questions[0], cleaned);
    expect(moments.mean).toBeCloseTo(10 / 3, 12);
    expect(engine.suppress([{ group: '1학년', n: cleaned.length, mean: moments.mean }], 5, { keep: ['group'] })).toEqual([
      { group: '1학년', suppressed: true, reason: 'small_cell' },
    ]);
  });
});
