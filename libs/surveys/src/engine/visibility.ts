import { checkAnswer, type AnswerValue } from './answer-value';
import { isRecord, questionsInOrder, type Question, type ShowIf, type SurveyTemplate } from './template';

/**
 * Ids of the questions a respondent sees given their answers so far.
 *
 * Evaluated in one pass in template order; this is sound because validateTemplate only lets a
 * showIf refer to an earlier question. A condition is false, so its question hidden, when:
 * - the referenced question is itself hidden (its answer no longer counts, even if one is present:
 *   the respondent may have answered it before changing an earlier answer that hid it);
 * - the referenced question is unanswered or its answer is invalid. This applies to not_equals
 *   too: "not 'no'" means an answer was given and it was something else, not "no answer yet".
 *
 * Expects a valid template; for an invalid one it still returns (unresolvable conditions hide).
 */
export function visibleQuestions(template: SurveyTemplate, answers: unknown): Set<string> {
  const given = isRecord(answers) ? answers : {};
  const visible = new Set<string>();
  const byId = new Map<string, Question>();
  for (const question of questionsInOrder(template)) {
    if (!byId.has(question.id)) byId.set(question.id, question);
    if (!question.showIf || conditionHolds(question.showIf, byId, visible, given)) visible.add(question.id);
  }
  return visible;
}

function conditionHolds(
  showIf: ShowIf,
  earlier: ReadonlyMap<string, Question>,
  visible: ReadonlySet<string>,
  answers: Record<string, unknown>,
): boolean {
  const target = earlier.get(showIf.questionId);
  if (!target || !visible.has(target.id)) return false;
  const check = checkAnswer(target, Object.hasOwn(answers, target.id) ? answers[target.id] : undefined);
  if (check.kind !== 'valid') return false;
  return compare(check.value, showIf);
}

function compare(answer: AnswerValue, { operator, value }: ShowIf): boolean {
  switch (operator) {
    case 'equals':
      return !Array.isArray(answer) && answer === value;
    case 'not_equals':
      return !Array.isArray(answer) && answer !== value;
    case 'includes':
      return Array.isArray(answer) && typeof value === 'string' && answer.includes(value);
    case 'gte':
      return typeof answer === 'number' && typeof value === 'number' && answer >= value;
    case 'lte':
      return typeof answer === 'number' && typeof value === 'number' && answer <= value;
    default:
      return false;
  }
}
