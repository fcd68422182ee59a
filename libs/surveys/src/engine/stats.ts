import type { AnswerValue } from './answer-value';
import type { Question } from './template';

/*
 * Reference implementations of the per-question aggregates. Production figures will come from SQL
 * over stored responses; these straightforward versions exist so tests can check that SQL against
 * the same responses. They mirror PostgreSQL where it has an opinion: avg() and stddev_pop() of no
 * rows are NULL, stddev_samp() of fewer than two rows is NULL. Nothing is rounded here.
 *
 * Input is the `cleaned` answers of each response (see validateAnswers). An absent answer means
 * unanswered (or hidden) and is left out of n; a value of the wrong shape is a bug and throws.
 */

export type ResponseAnswers = Readonly<Record<string, AnswerValue | undefined>>;

export interface CategoryCount {
  /** Option value, or 1..5 for likert5. */
  value: string | number;
  /** Option label; for likert5 the number as text (the UI supplies 전혀 그렇지 않다 … 매우 그렇다). */
  label: string;
  count: number;
  /** count / respondents who answered; null when nobody did. For multiple, shares can sum above 1. */
  share: number | null;
}

export interface Distribution {
  questionId: string;
  /** Respondents who answered this question. */
  n: number;
  /** One entry per category in template order, zeros included. */
  counts: CategoryCount[];
}

export interface Moments {
  n: number;
  mean: number | null;
  /** Divides by n, as stddev_pop(). */
  sdPopulation: number | null;
  /** Divides by n - 1, as stddev_samp(); null below two values. */
  sdSample: number | null;
}

export interface RankingPosition {
  value: string;
  label: string;
  /** Respondents who ranked (all rankings are complete, so the same for every option). */
  n: number;
  /** Mean 1-based position; lower means ranked higher. null when nobody answered. */
  meanPosition: number | null;
}

export type QuestionSummary =
  | { questionId: string; type: 'likert5'; distribution: Distribution; moments: Moments }
  | { questionId: string; type: 'single' | 'multiple'; distribution: Distribution }
  | { questionId: string; type: 'numeric'; moments: Moments }
  | { questionId: string; type: 'short_text' | 'long_text'; n: number }
  | { questionId: string; type: 'ranking'; n: number; positions: RankingPosition[] };

/** Counts per category for likert5, single and multiple questions. */
export function distribution(question: Question, responses: readonly ResponseAnswers[]): Distribution {
  const categories = categoriesOf(question);
  const counts = new Map<string | number, number>(categories.map((c) => [c.value, 0]));
  let n = 0;
  for (const answer of answersTo(question, responses)) {
    n++;
    const picked = question.type === 'multiple' ? expectStrings(question, answer) : [answer];
    for (const value of picked) {
      const current = counts.get(value as string | number);
      if (current === undefined) throw new TypeError(`question ${question.id}: ${JSON.stringify(value)} is not a category`);
      counts.set(value as string | number, current + 1);
    }
  }
  return {
    questionId: question.id,
    n,
    counts: categories.map((c) => {
      const count = counts.get(c.value) ?? 0;
      return { ...c, count, share: n === 0 ? null : count / n };
    }),
  };
}

/** Mean and standard deviations of plain numbers (two-pass, for accuracy on large samples). */
export function moments(values: readonly number[]): Moments {
  const n = values.length;
  if (n === 0) return { n, mean: null, sdPopulation: null, sdSample: null };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { n, mean, sdPopulation: Math.sqrt(squares / n), sdSample: n < 2 ? null : Math.sqrt(squares / (n - 1)) };
}

/** Moments of a likert5 or numeric question over the respondents who answered it. */
export function numericMoments(question: Question, responses: readonly ResponseAnswers[]): Moments {
  if (question.type !== 'likert5' && question.type !== 'numeric') throw new TypeError(`question ${question.id} is not likert5 or numeric`);
  return moments(
    answersTo(question, responses).map((a) => {
      if (typeof a !== 'number') throw new TypeError(`question ${question.id}: ${JSON.stringify(a)} is not a number`);
      return a;
    }),
  );
}

/**
 * The `limit` most chosen categories, most first; ties in template order (so SQL must order by
 * count desc, option position asc). Categories nobody chose are left out, as a GROUP BY would.
 */
export function topAnswers(question: Question, responses: readonly ResponseAnswers[], limit: number): CategoryCount[] {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative whole number, got ${limit}`);
  const { counts } = distribution(question, responses);
  return counts
    .map((c, position) => ({ c, position }))
    .filter(({ c }) => c.count > 0)
    .sort((a, b) => b.c.count - a.c.count || a.position - b.position)
    .slice(0, limit)
    .map(({ c }) => c);
}

/** Mean 1-based position of each option of a ranking question, in template option order. */
export function rankingMeanPositions(question: Question, responses: readonly ResponseAnswers[]): RankingPosition[] {
  if (question.type !== 'ranking') throw new TypeError(`question ${question.id} is not a ranking question`);
  const options = question.options ?? [];
  const sums = new Map(options.map((o) => [o.value, 0]));
  const answers = answersTo(question, responses);
  for (const answer of answers) {
    const ranking = expectStrings(question, answer);
    if (ranking.length !== options.length) throw new TypeError(`question ${question.id}: incomplete ranking`);
    ranking.forEach((value, index) => {
      const sum = sums.get(value);
      if (sum === undefined) throw new TypeError(`question ${question.id}: ${JSON.stringify(value)} is not an option`);
      sums.set(value, sum + index + 1);
    });
  }
  const n = answers.length;
  return options.map((o) => ({ value: o.value, label: o.label, n, meanPosition: n === 0 ? null : (sums.get(o.value) ?? 0) / n }));
}

/** The aggregates that apply to a question's type. */
export function summarizeQuestion(question: Question, responses: readonly ResponseAnswers[]): QuestionSummary {
  const questionId = question.id;
  switch (question.type) {
    case 'likert5':
      return { questionId, type: 'likert5', distribution: distribution(question, responses), moments: numericMoments(question, responses) };
    case 'single':
    case 'multiple':
      return { questionId, type: question.type, distribution: distribution(question, responses) };
    case 'numeric':
      return { questionId, type: 'numeric', moments: numericMoments(question, responses) };
    case 'short_text':
    case 'long_text':
      return { questionId, type: question.type, n: answersTo(question, responses).length };
    case 'ranking': {
      const positions = rankingMeanPositions(question, responses);
      return { questionId, type: 'ranking', n: positions[0]?.n ?? 0, positions };
    }
  }
}

function categoriesOf(question: Question): { value: string | number; label: string }[] {
  switch (question.type) {
    case 'likert5':
      return [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }));
    case 'single':
    case 'multiple':
      return (question.options ?? []).map((o) => ({ value: o.value, label: o.label }));
    default:
      throw new TypeError(`question ${question.id} (${question.type}) has no categories`);
  }
}

function answersTo(question: Question, responses: readonly ResponseAnswers[]): AnswerValue[] {
  const answers: AnswerValue[] = [];
  for (const response of responses) {
    const answer = Object.hasOwn(response, question.id) ? response[question.id] : undefined;
    if (answer !== undefined) answers.push(answer);
  }
  return answers;
}

function expectStrings(question: Question, answer: AnswerValue): string[] {
  if (!Array.isArray(answer)) throw new TypeError(`question ${question.id}: expected an array, got ${JSON.stringify(answer)}`);
  return answer;
}
