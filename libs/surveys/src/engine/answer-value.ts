import { isTextType, maxLengthOf, type Question } from './template';

/*
 * Checking one raw answer against its question. Shared by visibility (a condition only ever sees a
 * valid answer) and answer validation (which adds required/visibility/unknown-id rules on top), so
 * the two can never disagree about what a value means.
 */

/** A validated answer as stored: likert5/numeric → number, single/text → string, multiple/ranking → string[]. */
export type AnswerValue = number | string | string[];

export type AnswerCheck =
  /** Nothing given: undefined, null, blank text or an empty selection. Counts as unanswered. */
  | { kind: 'blank' }
  | { kind: 'valid'; value: AnswerValue }
  | { kind: 'invalid'; reason: string };

const BLANK: AnswerCheck = { kind: 'blank' };
const invalid = (reason: string): AnswerCheck => ({ kind: 'invalid', reason });

/**
 * Strict about JSON types on purpose: `"3"` is not a likert answer. Clients send numbers as numbers,
 * and coercing here would hide client bugs that then surface as odd aggregates.
 */
export function checkAnswer(question: Question, raw: unknown): AnswerCheck {
  if (raw === undefined || raw === null) return BLANK;
  switch (question.type) {
    case 'likert5':
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 5) return invalid('must be a whole number from 1 to 5');
      return { kind: 'valid', value: raw };
    case 'single': {
      if (typeof raw !== 'string') return invalid('must be one option value');
      if (raw === '') return BLANK;
      return optionValues(question).includes(raw) ? { kind: 'valid', value: raw } : invalid(`"${raw}" is not an option`);
    }
    case 'multiple':
      return checkMultiple(question, raw);
    case 'numeric':
      return checkNumeric(question, raw);
    case 'short_text':
    case 'long_text':
      return checkText(question, raw);
    case 'ranking':
      return checkRanking(question, raw);
  }
}

function checkMultiple(question: Question, raw: unknown): AnswerCheck {
  if (!isStringArray(raw)) return invalid('must be an array of option values');
  if (raw.length === 0) return BLANK;
  const allowed = optionValues(question);
  const unknown = raw.filter((v) => !allowed.includes(v));
  if (unknown.length > 0) return invalid(`not options: ${unknown.map((v) => `"${v}"`).join(', ')}`);
  if (new Set(raw).size !== raw.length) return invalid('an option is selected more than once');
  const min = question.minSelections ?? 1;
  const max = question.maxSelections ?? allowed.length;
  if (raw.length < min) return invalid(`select at least ${min}`);
  if (raw.length > max) return invalid(`select at most ${max}`);
  // Stored in option order so equal selections are equal values regardless of click order.
  return { kind: 'valid', value: allowed.filter((v) => raw.includes(v)) };
}

function checkNumeric(question: Question, raw: unknown): AnswerCheck {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return invalid('must be a finite number');
  if (question.integer === true && !Number.isInteger(raw)) return invalid('must be a whole number');
  if (question.min !== undefined && raw < question.min) return invalid(`must be at least ${question.min}`);
  if (question.max !== undefined && raw > question.max) return invalid(`must be at most ${question.max}`);
  // -0 would print as 0 but compare oddly in JSON round-trips; store plain 0.
  return { kind: 'valid', value: raw === 0 ? 0 : raw };
}

/**
 * Text is trimmed and NFC-normalised: Hangul pasted from some editors arrives decomposed (NFD), where
 * one syllable is two or three code points, which would both inflate its length and make equal text
 * compare unequal. Length is counted in code points, as PostgreSQL's char_length does.
 */
function checkText(question: Question, raw: unknown): AnswerCheck {
  if (typeof raw !== 'string') return invalid('must be text');
  const text = raw.trim().normalize('NFC');
  if (text === '') return BLANK;
  const limit = isTextType(question.type) ? maxLengthOf(question) : Infinity;
  const length = [...text].length;
  if (length > limit) return invalid(`must be at most ${limit} characters (got ${length})`);
  return { kind: 'valid', value: text };
}

function checkRanking(question: Question, raw: unknown): AnswerCheck {
  if (!isStringArray(raw)) return invalid('must be an array of option values in ranked order');
  if (raw.length === 0) return BLANK;
  const allowed = optionValues(question);
  const isPermutation = raw.length === allowed.length && new Set(raw).size === raw.length && raw.every((v) => allowed.includes(v));
  if (!isPermutation) return invalid('must rank every option exactly once');
  return { kind: 'valid', value: [...raw] };
}

function optionValues(question: Question): string[] {
  return (question.options ?? []).map((o) => o.value);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
