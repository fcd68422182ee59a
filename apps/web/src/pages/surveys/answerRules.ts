import { DEFAULT_MAX_LENGTH, questionsInOrder } from '../../../../../libs/surveys/src/engine/template';
import { visibleQuestions } from '../../../../../libs/surveys/src/engine/visibility';
import type { AnswerValue, Answers, SurveyDefinition, SurveyQuestion } from '../../api/models';

export { visibleQuestions };

/*
 * Answer rules for the form in the browser. Which questions show is decided by the survey engine
 * itself (libs/surveys/src/engine/visibility.ts, pure TypeScript the web build bundles), so the form
 * and the server can never disagree about a condition. The checks below only give Korean messages
 * before a round trip; the server checks every answer again.
 */

/** Nothing given: no value, blank text or an empty selection. */
export function isBlank(value: AnswerValue | undefined | null): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

const optionValues = (q: SurveyQuestion): string[] => (q.options ?? []).map((o) => o.value);

export const textLimit = (q: SurveyQuestion): number => q.maxLength ?? (q.type === 'long_text' ? DEFAULT_MAX_LENGTH.long_text : DEFAULT_MAX_LENGTH.short_text);

/** What is wrong with a given (non-blank) answer, in Korean; null when it is valid. */
export function answerProblem(q: SurveyQuestion, value: AnswerValue): string | null {
  switch (q.type) {
    case 'likert5':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? null : '1부터 5까지 중에서 고르세요.';
    case 'single':
      return typeof value === 'string' && optionValues(q).includes(value) ? null : '보기 중 하나를 고르세요.';
    case 'multiple': {
      if (!Array.isArray(value) || value.some((v) => !optionValues(q).includes(v))) return '보기 중에서 고르세요.';
      const min = q.minSelections ?? 1;
      const max = q.maxSelections ?? optionValues(q).length;
      if (value.length < min) return `${min}개 이상 고르세요.`;
      if (value.length > max) return `${max}개까지 고를 수 있습니다.`;
      return null;
    }
    case 'numeric':
      if (typeof value !== 'number' || !Number.isFinite(value)) return '숫자를 입력하세요.';
      if (q.integer && !Number.isInteger(value)) return '정수로 입력하세요.';
      if (q.min !== undefined && value < q.min) return `${q.min} 이상으로 입력하세요.`;
      if (q.max !== undefined && value > q.max) return `${q.max} 이하로 입력하세요.`;
      return null;
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return '글로 입력하세요.';
      const length = [...value.trim().normalize('NFC')].length;
      return length > textLimit(q) ? `${textLimit(q).toLocaleString('ko-KR')}자 이내로 입력하세요. (지금 ${length.toLocaleString('ko-KR')}자)` : null;
    }
    case 'ranking': {
      const all = optionValues(q);
      const complete = Array.isArray(value) && value.length === all.length && new Set(value).size === value.length && value.every((v) => all.includes(v));
      return complete ? null : '모든 보기의 순위를 정하세요.';
    }
  }
}

/** The answers to shown questions only, blanks left out: what is saved and submitted. */
export function shownAnswers(definition: SurveyDefinition, answers: Answers): Answers {
  const visible = visibleQuestions(definition, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id, value]) => visible.has(id) && !isBlank(value)));
}

/**
 * Korean problems by question id. `partial` (임시 저장) allows unanswered required questions;
 * submitting does not.
 */
export function answerProblems(definition: SurveyDefinition, answers: Answers, partial: boolean): Record<string, string> {
  const visible = visibleQuestions(definition, answers);
  const problems: Record<string, string> = {};
  for (const q of questionsInOrder(definition)) {
    if (!visible.has(q.id)) continue;
    const value = answers[q.id];
    if (value === undefined || isBlank(value)) {
      if (q.required && !partial) problems[q.id] = '필수 문항입니다. 답해 주세요.';
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) problems[q.id] = problem;
  }
  return problems;
}

/**
 * A key for one submission, chosen once and sent again on every retry of it, so a retry after a lost
 * answer returns the first result instead of a second response. getRandomValues works on plain http too.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
