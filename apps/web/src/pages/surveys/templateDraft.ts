import type { ChoiceOption, QuestionType, ShowIfOperator, SurveyDefinition, SurveyQuestion } from '../../api/models';
import { OPERATORS_BY_TYPE } from './surveyLabels';

/*
 * A template as the editor holds it: numbers as the text typed, a row key per item, ids given out
 * in order. toDefinition() turns it into the engine's definition with only the properties each
 * question type allows (the engine rejects any other, so a leftover `min` on a text question
 * would fail the whole template).
 */

export interface QuestionDraft {
  key: number;
  id: string;
  text: string;
  type: QuestionType;
  required: boolean;
  options: ChoiceOption[];
  min: string;
  max: string;
  integer: boolean;
  maxLength: string;
  minSelections: string;
  maxSelections: string;
  /** Shown only when an earlier answer matches. */
  conditional: boolean;
  showIf: { questionId: string; operator: ShowIfOperator; value: string };
}

export interface SectionDraft {
  key: number;
  id: string;
  title: string;
  questions: QuestionDraft[];
}

export interface TemplateDraft {
  title: string;
  sections: SectionDraft[];
}

let nextKey = 1;
/** A row key, and the number in new ids (`s3`, `q7`, option `o2`). */
const key = () => nextKey++;

export const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple' || type === 'ranking';

export function newQuestion(): QuestionDraft {
  const k = key();
  return {
    key: k,
    id: `q${k}`,
    text: '',
    type: 'likert5',
    required: true,
    options: [newOption(), newOption()],
    min: '',
    max: '',
    integer: false,
    maxLength: '',
    minSelections: '',
    maxSelections: '',
    conditional: false,
    showIf: { questionId: '', operator: 'equals', value: '' },
  };
}

export function newOption(label = ''): ChoiceOption {
  return { value: `o${key()}`, label };
}

export function newSection(title = ''): SectionDraft {
  const k = key();
  return { key: k, id: `s${k}`, title, questions: [newQuestion()] };
}

export const newTemplate = (): TemplateDraft => ({ title: '', sections: [newSection('기본 문항')] });

/** The questions before `questionKey` that a condition may look at (likert, numeric, single, multiple). */
export function conditionTargets(draft: TemplateDraft, questionKey: number): QuestionDraft[] {
  const all = draft.sections.flatMap((s) => s.questions);
  const index = all.findIndex((q) => q.key === questionKey);
  return all.slice(0, Math.max(index, 0)).filter((q) => OPERATORS_BY_TYPE[q.type].length > 0);
}

const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/**
 * The ids a new template gets: sections s1, s2…, questions q1, q2… and each question's options o1,
 * o2… in order, whatever the editor's row keys were; conditions follow the renaming.
 */
interface Ids {
  question: Map<string, string>;
  option: Map<string, Map<string, string>>;
}

function idsOf(draft: TemplateDraft): Ids {
  const questions = draft.sections.flatMap((s) => s.questions);
  return {
    question: new Map(questions.map((q, i) => [q.id, `q${i + 1}`])),
    option: new Map(questions.map((q) => [q.id, new Map(q.options.map((o, j) => [o.value, `o${j + 1}`]))])),
  };
}

function showIfOf(q: QuestionDraft, draft: TemplateDraft, ids: Ids): SurveyQuestion['showIf'] {
  if (!q.conditional) return undefined;
  const { questionId, operator, value } = q.showIf;
  const target = draft.sections.flatMap((s) => s.questions).find((t) => t.id === questionId);
  const numeric = target?.type === 'likert5' || target?.type === 'numeric';
  return {
    questionId: ids.question.get(questionId) ?? questionId,
    operator,
    value: numeric ? Number(value) : (ids.option.get(questionId)?.get(value) ?? value),
  };
}

function questionOf(q: QuestionDraft, draft: TemplateDraft, ids: Ids): SurveyQuestion {
  const out: SurveyQuestion = { id: ids.question.get(q.id) ?? q.id, text: q.text.trim(), required: q.required, type: q.type };
  if (isChoice(q.type)) out.options = q.options.map((o, j) => ({ value: `o${j + 1}`, label: o.label.trim() }));
  if (q.type === 'multiple') {
    out.minSelections = numberOrUndefined(q.minSelections);
    out.maxSelections = numberOrUndefined(q.maxSelections);
  }
  if (q.type === 'numeric') {
    out.min = numberOrUndefined(q.min);
    out.max = numberOrUndefined(q.max);
    if (q.integer) out.integer = true;
  }
  if (q.type === 'short_text' || q.type === 'long_text') out.maxLength = numberOrUndefined(q.maxLength);
  out.showIf = showIfOf(q, draft, ids);
  // Leave out what is not set, so the stored definition holds only what the editor set.
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as unknown as SurveyQuestion;
}

/** The engine's definition of the draft. */
export function toDefinition(draft: TemplateDraft): SurveyDefinition {
  const ids = idsOf(draft);
  return {
    title: draft.title.trim(),
    sections: draft.sections.map((s, i) => ({ id: `s${i + 1}`, title: s.title.trim(), questions: s.questions.map((q) => questionOf(q, draft, ids)) })),
  };
}

/** Problems to fix before sending, in Korean (the engine checks the rest). */
export function draftProblems(draft: TemplateDraft): string[] {
  const list: string[] = [];
  if (!draft.title.trim()) list.push('설문 제목을 입력하세요.');
  let n = 0;
  draft.sections.forEach((s, i) => {
    if (!s.title.trim()) list.push(`영역 ${i + 1}의 이름을 입력하세요.`);
    if (!s.questions.length) list.push(`영역 ${i + 1}에 문항을 하나 이상 넣으세요.`);
    for (const q of s.questions) {
      n++;
      if (!q.text.trim()) list.push(`문항 ${n}의 내용을 입력하세요.`);
      if (isChoice(q.type)) {
        if (q.options.length < 2) list.push(`문항 ${n}: 보기를 두 개 이상 넣으세요.`);
        if (q.options.some((o) => !o.label.trim())) list.push(`문항 ${n}: 비어 있는 보기가 있습니다.`);
        if (new Set(q.options.map((o) => o.label.trim())).size !== q.options.length) list.push(`문항 ${n}: 같은 보기가 두 번 있습니다.`);
      }
      if (q.type === 'numeric' && q.min !== '' && q.max !== '' && Number(q.min) > Number(q.max)) list.push(`문항 ${n}: 최솟값이 최댓값보다 큽니다.`);
      if (q.conditional && (!q.showIf.questionId || q.showIf.value === '')) list.push(`문항 ${n}: 표시 조건의 문항과 값을 고르세요.`);
    }
  });
  return list;
}
