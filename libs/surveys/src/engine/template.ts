import type { Problem } from './problem';

/*
 * Survey template definitions (조례 제6조 실태조사·만족도·수요조사) and their validation.
 *
 * A template is plain JSON: it is written by staff in an editor, stored as jsonb, frozen per
 * campaign by its fingerprint (see versioning.ts), and read back years later to interpret old
 * responses. So validation takes `unknown`, never trusts the static type, and rejects anything it
 * does not understand (unknown or misplaced properties) rather than silently ignoring it: an
 * ignored typo such as `maxlength` would still change the fingerprint while changing nothing else.
 */

export const QUESTION_TYPES = ['likert5', 'single', 'multiple', 'numeric', 'short_text', 'long_text', 'ranking'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SHOW_IF_OPERATORS = ['equals', 'not_equals', 'includes', 'gte', 'lte'] as const;
export type ShowIfOperator = (typeof SHOW_IF_OPERATORS)[number];

export interface ChoiceOption {
  /** Stored in answers and aggregated on; keep it stable when relabelling. */
  value: string;
  /** Shown to respondents (Korean). */
  label: string;
}

/** Show the question only when an earlier question's answer satisfies this condition. */
export interface ShowIf {
  questionId: string;
  operator: ShowIfOperator;
  value: string | number;
}

export interface Question {
  /** Stable slug: answers, exports and aggregates are keyed by it across template versions. */
  id: string;
  /** Question text (Korean). */
  text: string;
  required: boolean;
  type: QuestionType;
  /** single / multiple / ranking: at least two, values unique. */
  options?: ChoiceOption[];
  /** numeric: inclusive bounds. */
  min?: number;
  max?: number;
  /** numeric: only whole numbers (e.g. 학생 수, 연수 시간). */
  integer?: boolean;
  /** short_text / long_text: in Unicode code points; defaults in DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  /** multiple: inclusive bounds on how many options may be ticked. */
  minSelections?: number;
  maxSelections?: number;
  showIf?: ShowIf;
}

export interface Section {
  id: string;
  title: string;
  questions: Question[];
}

export interface SurveyTemplate {
  /** Survey title (Korean). */
  title: string;
  sections: Section[];
}

export const DEFAULT_MAX_LENGTH = { short_text: 200, long_text: 4000 } as const;

/**
 * Ids are slugs: they end up as JSON keys, CSV column names and answer paths (`answers.<id>`).
 * Starting with a letter also rules out `__proto__`, so ids are safe as plain-object keys.
 */
export const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * Operators a showIf may use, by the type of the question it refers to.
 *
 * Free text is deliberately excluded: branching on typed text depends on spelling and spacing and
 * would hide questions unpredictably. Ranking is excluded because every complete ranking contains
 * every option, so there is no obvious meaning to compare against; branch on a choice instead.
 */
export const OPERATORS_BY_TYPE: Readonly<Record<QuestionType, readonly ShowIfOperator[]>> = {
  likert5: ['equals', 'not_equals', 'gte', 'lte'],
  numeric: ['equals', 'not_equals', 'gte', 'lte'],
  single: ['equals', 'not_equals'],
  multiple: ['includes'],
  short_text: [],
  long_text: [],
  ranking: [],
};

const COMMON_KEYS = ['id', 'text', 'required', 'type', 'showIf'] as const;
const TYPE_KEYS: Readonly<Record<QuestionType, readonly string[]>> = {
  likert5: [],
  single: ['options'],
  multiple: ['options', 'minSelections', 'maxSelections'],
  ranking: ['options'],
  numeric: ['min', 'max', 'integer'],
  short_text: ['maxLength'],
  long_text: ['maxLength'],
};
const ANY_TYPE_KEYS = new Set(Object.values(TYPE_KEYS).flat());

export function isChoiceType(type: QuestionType): type is 'single' | 'multiple' | 'ranking' {
  return type === 'single' || type === 'multiple' || type === 'ranking';
}

export function isTextType(type: QuestionType): type is 'short_text' | 'long_text' {
  return type === 'short_text' || type === 'long_text';
}

/** The effective length limit of a text question. */
export function maxLengthOf(question: Question): number {
  if (!isTextType(question.type)) throw new TypeError(`question ${question.id} is not a text question`);
  return question.maxLength ?? DEFAULT_MAX_LENGTH[question.type];
}

/** All questions in the order respondents see them (sections in order, questions in order). */
export function questionsInOrder(template: SurveyTemplate): Question[] {
  return template.sections.flatMap((s) => s.questions);
}

export class InvalidTemplateError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid survey template: ${problems.map((p) => `${p.path || '(template)'}: ${p.reason}`).join('; ')}`);
    this.name = 'InvalidTemplateError';
  }
}

/** For callers that cannot continue with an invalid template (campaign launch, import). */
export function assertValidTemplate(def: unknown): asserts def is SurveyTemplate {
  const problems = validateTemplate(def);
  if (problems.length > 0) throw new InvalidTemplateError(problems);
}

/**
 * Every problem with a template definition; an empty list means `def` is a valid SurveyTemplate.
 * Reports as much as it can in one pass so an editor can show all errors at once. The root path is ''.
 */
export function validateTemplate(def: unknown): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, reason: string) => problems.push({ path, reason });

  if (!isRecord(def)) {
    report('', 'template must be an object');
    return problems;
  }
  checkKeys(def, ['title', 'sections'], '', report);
  if (!isNonEmptyString(def.title)) report('title', 'title must be a non-empty string');
  if (!Array.isArray(def.sections) || def.sections.length === 0) {
    report('sections', 'sections must be a non-empty array');
    return problems;
  }

  // First pass: where every question id first appears, so a showIf can tell a forward reference
  // (the id exists later) from a typo (it exists nowhere).
  const firstPosition = new Map<string, { order: number; path: string; question: Record<string, unknown> }>();
  let order = 0;
  def.sections.forEach((section, s) => {
    if (!isRecord(section) || !Array.isArray(section.questions)) return;
    section.questions.forEach((question, q) => {
      if (isRecord(question) && typeof question.id === 'string' && !firstPosition.has(question.id)) {
        firstPosition.set(question.id, { order, path: `sections[${s}].questions[${q}]`, question });
      }
      order++;
    });
  });

  const sectionIds = new Map<string, string>();
  order = 0;
  def.sections.forEach((section, s) => {
    const sPath = `sections[${s}]`;
    if (!isRecord(section)) {
      report(sPath, 'section must be an object');
      return;
    }
    checkKeys(section, ['id', 'title', 'questions'], sPath, report);
    if (typeof section.id !== 'string' || !ID_PATTERN.test(section.id)) {
      report(`${sPath}.id`, 'section id must be a slug: lowercase letter first, then lowercase letters, digits, "_" or "-" (max 64)');
    } else if (sectionIds.has(section.id)) {
      report(`${sPath}.id`, `duplicate section id "${section.id}" (first used at ${sectionIds.get(section.id)})`);
    } else {
      sectionIds.set(section.id, sPath);
    }
    if (!isNonEmptyString(section.title)) report(`${sPath}.title`, 'section title must be a non-empty string');
    if (!Array.isArray(section.questions) || section.questions.length === 0) {
      report(`${sPath}.questions`, 'questions must be a non-empty array');
      return;
    }
    section.questions.forEach((question, q) => {
      validateQuestion(question, `${sPath}.questions[${q}]`, order++, firstPosition, report);
    });
  });
  return problems;
}

type Report = (path: string, reason: string) => void;
type Positions = Map<string, { order: number; path: string; question: Record<string, unknown> }>;

function validateQuestion(question: unknown, path: string, order: number, positions: Positions, report: Report): void {
  if (!isRecord(question)) {
    report(path, 'question must be an object');
    return;
  }
  const { id, type } = question;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    report(`${path}.id`, 'question id must be a slug: lowercase letter first, then lowercase letters, digits, "_" or "-" (max 64)');
  } else {
    const first = positions.get(id);
    if (first && first.order !== order) report(`${path}.id`, `duplicate question id "${id}" (first used at ${first.path})`);
  }
  if (!isNonEmptyString(question.text)) report(`${path}.text`, 'question text must be a non-empty string');
  if (typeof question.required !== 'boolean') report(`${path}.required`, 'required must be true or false');
  if (!isQuestionType(type)) {
    report(`${path}.type`, `type must be one of ${QUESTION_TYPES.join(', ')}`);
    // Without a type we cannot tell which other properties belong; report only the unknown ones.
    for (const key of Object.keys(question)) {
      if (!(COMMON_KEYS as readonly string[]).includes(key) && !ANY_TYPE_KEYS.has(key)) report(`${path}.${key}`, 'unknown property');
    }
  } else {
    for (const key of Object.keys(question)) {
      if ((COMMON_KEYS as readonly string[]).includes(key) || TYPE_KEYS[type].includes(key)) continue;
      report(`${path}.${key}`, ANY_TYPE_KEYS.has(key) ? `${key} does not apply to ${type} questions` : 'unknown property');
    }
    if (isChoiceType(type)) validateOptions(question.options, `${path}.options`, report);
    if (type === 'multiple') validateSelections(question, path, report);
    if (type === 'numeric') validateNumericBounds(question, path, report);
    if (isTextType(type) && question.maxLength !== undefined && !isPositiveInteger(question.maxLength)) {
      report(`${path}.maxLength`, 'maxLength must be a positive integer');
    }
  }
  if (question.showIf !== undefined) validateShowIf(question.showIf, `${path}.showIf`, order, positions, report);
}

function validateOptions(options: unknown, path: string, report: Report): void {
  if (!Array.isArray(options)) {
    report(path, 'options must be an array of { value, label }');
    return;
  }
  if (options.length < 2) report(path, 'at least two options are required');
  const values = new Map<string, number>();
  const labels = new Map<string, number>();
  options.forEach((option, i) => {
    const oPath = `${path}[${i}]`;
    if (!isRecord(option)) {
      report(oPath, 'option must be an object { value, label }');
      return;
    }
    checkKeys(option, ['value', 'label'], oPath, report);
    if (!isNonEmptyString(option.value)) {
      report(`${oPath}.value`, 'option value must be a non-empty string');
    } else if (values.has(option.value)) {
      report(`${oPath}.value`, `duplicate option value "${option.value}" (first used at ${path}[${values.get(option.value)}])`);
    } else {
      values.set(option.value, i);
    }
    if (!isNonEmptyString(option.label)) {
      report(`${oPath}.label`, 'option label must be a non-empty string');
    } else if (labels.has(option.label.trim())) {
      // Two options a respondent cannot tell apart make the answer meaningless.
      report(`${oPath}.label`, `duplicate option label (first used at ${path}[${labels.get(option.label.trim())}])`);
    } else {
      labels.set(option.label.trim(), i);
    }
  });
}

function validateSelections(question: Record<string, unknown>, path: string, report: Report): void {
  const { minSelections, maxSelections } = question;
  const optionCount = Array.isArray(question.options) ? question.options.length : undefined;
  for (const [key, value] of [['minSelections', minSelections], ['maxSelections', maxSelections]] as const) {
    if (value === undefined) continue;
    if (!isPositiveInteger(value)) report(`${path}.${key}`, `${key} must be a positive integer`);
    else if (optionCount !== undefined && value > optionCount) report(`${path}.${key}`, `${key} exceeds the number of options (${optionCount})`);
  }
  if (isPositiveInteger(minSelections) && isPositiveInteger(maxSelections) && minSelections > maxSelections) {
    report(`${path}.minSelections`, 'minSelections must not exceed maxSelections');
  }
}

function validateNumericBounds(question: Record<string, unknown>, path: string, report: Report): void {
  const { min, max, integer } = question;
  if (integer !== undefined && typeof integer !== 'boolean') report(`${path}.integer`, 'integer must be true or false');
  for (const [key, value] of [['min', min], ['max', max]] as const) {
    if (value === undefined) continue;
    if (!isFiniteNumber(value)) report(`${path}.${key}`, `${key} must be a finite number`);
    else if (integer === true && !Number.isInteger(value)) report(`${path}.${key}`, `${key} must be a whole number when integer is true`);
  }
  if (isFiniteNumber(min) && isFiniteNumber(max) && min > max) report(`${path}.min`, 'min must not exceed max');
}

/**
 * A showIf may only look back. Respondents answer top to bottom, and visibility is evaluated in one
 * pass in the same order, so an earlier-only rule also makes cycles impossible by construction.
 */
function validateShowIf(showIf: unknown, path: string, order: number, positions: Positions, report: Report): void {
  if (!isRecord(showIf)) {
    report(path, 'showIf must be an object { questionId, operator, value }');
    return;
  }
  checkKeys(showIf, ['questionId', 'operator', 'value'], path, report);
  const { questionId, operator, value } = showIf;
  const operatorKnown = typeof operator === 'string' && (SHOW_IF_OPERATORS as readonly string[]).includes(operator);
  if (!operatorKnown) report(`${path}.operator`, `operator must be one of ${SHOW_IF_OPERATORS.join(', ')}`);
  if (typeof questionId !== 'string') {
    report(`${path}.questionId`, 'questionId must be a string');
    return;
  }
  const target = positions.get(questionId);
  if (!target) {
    report(`${path}.questionId`, `refers to unknown question "${questionId}"`);
    return;
  }
  if (target.order === order) {
    report(`${path}.questionId`, 'a question cannot depend on itself');
    return;
  }
  if (target.order > order) {
    report(`${path}.questionId`, `refers to "${questionId}", which comes later; showIf may only refer to an earlier question`);
    return;
  }
  const targetType = target.question.type;
  if (!isQuestionType(targetType) || !operatorKnown) return; // already reported where it belongs
  const allowed = OPERATORS_BY_TYPE[targetType];
  if (allowed.length === 0) {
    report(`${path}.questionId`, `${targetType} questions cannot be used in a showIf condition`);
    return;
  }
  if (!allowed.includes(operator as ShowIfOperator)) {
    report(`${path}.operator`, `operator ${String(operator)} does not apply to ${targetType} questions (use ${allowed.join(', ')})`);
    return;
  }
  const vPath = `${path}.value`;
  switch (targetType) {
    case 'likert5':
      if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5)) report(vPath, 'value must be a whole number from 1 to 5');
      break;
    case 'numeric':
      if (!isFiniteNumber(value)) report(vPath, 'value must be a finite number');
      else if (target.question.integer === true && (operator === 'equals' || operator === 'not_equals') && !Number.isInteger(value)) {
        report(vPath, 'value must be a whole number: the referenced question only accepts whole numbers');
      }
      break;
    case 'single':
    case 'multiple': {
      const options = Array.isArray(target.question.options) ? target.question.options : [];
      const values = options.filter(isRecord).map((o) => o.value);
      if (typeof value !== 'string' || !values.includes(value)) report(vPath, `value must be one of the option values of "${questionId}"`);
      break;
    }
  }
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string, report: Report): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) report(path ? `${path}.${key}` : key, 'unknown property');
}

function isQuestionType(v: unknown): v is QuestionType {
  return typeof v === 'string' && (QUESTION_TYPES as readonly string[]).includes(v);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}
