import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ComponentType, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { AnswerValue, Answers, SurveyDefinition } from '../../api/models';
import { Notice } from '../../components/fields';
import { answerProblems, newIdempotencyKey, shownAnswers, visibleQuestions } from './answerRules';
import { PlainError } from './PlainError';
import { QuestionField } from './QuestionField';
import { SURVEY_FIELD_LABEL } from './surveyLabels';

interface Props {
  definition: SurveyDefinition;
  initialAnswers?: Answers | null;
  /** 임시 저장: keeps a partial answer to resume later. */
  onSaveDraft: (answers: Answers) => Promise<unknown>;
  /** 제출, with the key of this submission (the same on every retry until it succeeds). */
  onSubmit: (answers: Answers, idempotencyKey: string) => Promise<unknown>;
  /** Shown after a draft is saved. */
  savedText?: string;
  /** Korean headlines for error codes (CODE_USED, SURVEY_CLOSED…). */
  messages?: Readonly<Record<string, string>>;
  /** Answers shown but not editable (a survey already submitted). */
  readOnly?: boolean;
  /**
   * How a failed save or submit is shown: by default a Korean headline only (respondents without an account);
   * staff pages pass ErrorMessage. A prop rather than an import, so the phone link's bundle stays without the
   * staff's error catalogue.
   */
  ErrorView?: ComponentType<{ error: unknown; title: string; messages?: Readonly<Record<string, string>>; fields?: Readonly<Record<string, string>>; testId?: string }>;
}

/** Server problems `answers.<questionId>` by question id (the engine's reason, in English). */
function serverProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    error.details.filter((d) => d.field?.startsWith('answers.')).map((d) => [d.field!.slice('answers.'.length), d.reason ? `답을 확인하세요. (${d.reason})` : '답을 확인하세요.']),
  );
}

/**
 * A survey as a respondent answers it: the sections in order, one block per shown question
 * (questions with a condition appear and disappear as earlier answers change), 임시 저장 and 제출.
 */
export function SurveyForm({ definition, initialAnswers, onSaveDraft, onSubmit, savedText = '임시 저장했습니다.', messages, readOnly, ErrorView: Failure = PlainError }: Props) {
  const [answers, setAnswers] = useState<Answers>(() => ({ ...(initialAnswers ?? {}) }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // The server's problems with single answers are shown at their questions.
  const showProblems = (error: Error) => setProblems((p) => ({ ...p, ...serverProblems(error) }));
  const save = useMutation({ mutationFn: onSaveDraft, onSuccess: () => setSaved(savedText), onError: showProblems });
  const submit = useMutation({ mutationFn: ({ answers, idempotencyKey }: { answers: Answers; idempotencyKey: string }) => onSubmit(answers, idempotencyKey), onError: showProblems });
  const key = useRef<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const visible = visibleQuestions(definition, answers);

  const setAnswer = (id: string, value: AnswerValue | undefined) => {
    setSaved(null);
    setProblems(({ [id]: _, ...rest }) => rest);
    setAnswers(({ [id]: _, ...rest }) => (value === undefined ? rest : { ...rest, [id]: value }));
  };

  /** Client-side checks first (Korean, no round trip); focuses the first question with a problem. */
  function checked(partial: boolean): boolean {
    const found = answerProblems(definition, answers, partial);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-testid="question-${first}"] input, [data-testid="question-${first}"] textarea`)?.focus();
    return !first;
  }

  function saveDraft() {
    setSaved(null);
    if (checked(true)) save.mutate(shownAnswers(definition, answers));
  }

  function send(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!checked(false)) return;
    key.current ??= newIdempotencyKey();
    submit.mutate({ answers: shownAnswers(definition, answers), idempotencyKey: key.current });
  }

  let number = 0;
  const problemCount = Object.keys(problems).length;
  return (
    <form ref={formRef} className="survey-form" aria-label={definition.title} onSubmit={send} noValidate>
      {definition.sections.map((section) => {
        const shown = section.questions.filter((q) => visible.has(q.id));
        if (!shown.length) return null;
        return (
          <section key={section.id} className="survey-section" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>{section.title}</h2>
            {shown.map((q) => (
              <QuestionField key={q.id} question={q} number={++number} value={answers[q.id]} onChange={(v) => setAnswer(q.id, v)} error={problems[q.id]} disabled={readOnly} />
            ))}
          </section>
        );
      })}
      {!readOnly && (
        <>
          {problemCount > 0 && (
            <div className="alert alert-error" role="alert" data-testid="survey-problems">
              <p className="alert-title">답하지 않았거나 확인이 필요한 문항이 {problemCount}개 있습니다.</p>
            </div>
          )}
          <Failure error={save.error} title="임시 저장하지 못했습니다." messages={messages} fields={SURVEY_FIELD_LABEL} testId="save-error" />
          <Failure error={submit.error} title="제출하지 못했습니다." messages={messages} fields={SURVEY_FIELD_LABEL} testId="submit-error" />
          <div className="survey-actions">
            <button type="button" className="button button-secondary button-large" disabled={save.isPending || submit.isPending} onClick={saveDraft} data-testid="save-draft">
              {save.isPending ? '저장 중…' : '임시 저장'}
            </button>
            <button type="submit" className="button button-primary button-large" disabled={save.isPending || submit.isPending} data-testid="submit-survey">
              {submit.isPending ? '제출 중…' : '제출'}
            </button>
            <Notice text={saved} testId="draft-saved" />
          </div>
        </>
      )}
    </form>
  );
}
