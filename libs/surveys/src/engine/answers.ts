import { checkAnswer, type AnswerValue } from './answer-value';
import type { Problem } from './problem';
import { isRecord, questionsInOrder, type SurveyTemplate } from './template';
import { visibleQuestions } from './visibility';

export interface ValidateAnswersOptions {
  /**
   * true for saving a draft (임시저장): values given must be valid, but required questions may
   * still be empty. false for final submission (제출): every visible required question must be answered.
   */
  partial: boolean;
}

export interface AnswerValidation {
  problems: Problem[];
  /**
   * The valid answers to visible questions, normalised (trimmed NFC text, multiple selections in
   * option order), keyed by question id. Store this, never the raw input. It is filled even when
   * there are problems so a form can keep the good values; callers must still refuse to store a
   * submission whose `problems` is non-empty.
   */
  cleaned: Record<string, AnswerValue>;
}

/**
 * Validates one respondent's answers against a (valid) template.
 *
 * Rules, in path `answers.<questionId>`:
 * - an id that is not a question in the template is a problem (a stale client or a wrong template version);
 * - each visible question's answer must be valid for its type (see checkAnswer); blank values
 *   (null, '', whitespace, []) count as unanswered;
 * - when not partial, every visible required question must be answered;
 * - answers to hidden questions are dropped from `cleaned` silently, even if they are invalid. They
 *   are typically left over from before the respondent changed an earlier answer; they will not be
 *   stored or counted, so rejecting the submission over them would only block the respondent.
 */
export function validateAnswers(template: SurveyTemplate, answers: unknown, options: ValidateAnswersOptions): AnswerValidation {
  const problems: Problem[] = [];
  const cleaned: Record<string, AnswerValue> = {};
  if (!isRecord(answers)) {
    return { problems: [{ path: 'answers', reason: 'answers must be an object keyed by question id' }], cleaned };
  }

  const visible = visibleQuestions(template, answers);
  const known = new Set<string>();
  for (const question of questionsInOrder(template)) {
    known.add(question.id);
    if (!visible.has(question.id)) continue;
    const path = `answers.${question.id}`;
    const check = checkAnswer(question, Object.hasOwn(answers, question.id) ? answers[question.id] : undefined);
    if (check.kind === 'invalid') problems.push({ path, reason: check.reason });
    else if (check.kind === 'valid') cleaned[question.id] = check.value;
    else if (question.required && !options.partial) problems.push({ path, reason: 'required' });
  }
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ path: `answers.${id}`, reason: 'unknown question' });
  }
  return { problems, cleaned };
}
