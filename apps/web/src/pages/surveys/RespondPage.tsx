import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { surveysApi } from '../../api/surveys';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../format';
import { PlainError } from './PlainError';
import { SurveyForm } from './SurveyForm';
import { surveyQueries } from './surveyQueries';

/** What a respondent reads when the code does not open the survey. */
const RESPOND_ERRORS: Record<string, string> = {
  NOT_FOUND: '코드를 찾을 수 없습니다. 안내문에 적힌 코드를 다시 확인하세요.',
  CODE_USED: '이미 응답을 제출한 코드입니다. 코드 하나로 한 번만 응답할 수 있습니다.',
  SURVEY_CLOSED: '지금은 이 설문의 응답 기간이 아닙니다.',
  TOO_MANY_REQUESTS: '잘못된 코드를 너무 여러 번 입력했습니다. 잠시 후 다시 시도하세요.',
  INVALID_ANSWERS: '답을 확인하세요.',
};

/** The code as printed (letters and digits, with or without the dash), in capitals. */
const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/**
 * The anonymous respondent form (students, parents, teachers): enter the one-time code from the
 * home letter, answer on a phone, save a draft to resume with the same code, submit once.
 */
export function RespondPage({ code }: { code?: string }) {
  return <div className="page respond-page">{code ? <RespondForm key={code} code={code} /> : <CodeEntry />}</div>;
}

function CodeEntry({ wrong }: { wrong?: boolean }) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A page of its own document (apps/web/src/publicEntry.tsx): the code's address is loaded, not routed to.
    if (normalizeCode(code)) window.location.assign(`/respond/${encodeURIComponent(normalizeCode(code))}`);
  };
  return (
    <section className="panel respond-entry" aria-labelledby="respond-heading">
      <h1 id="respond-heading">설문 응답</h1>
      <p>학교에서 받은 안내문의 <strong>응답 코드</strong>를 입력하세요. 이름은 묻지 않으며, 제출한 답은 코드와 연결되지 않습니다.</p>
      <form className="stack-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="respond-code">응답 코드</label>
          <input
            id="respond-code"
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="예: ABCDE-23456"
            aria-invalid={wrong || undefined}
          />
        </div>
        <button type="submit" className="button button-primary button-large" disabled={!normalizeCode(code)}>
          설문 시작
        </button>
      </form>
    </section>
  );
}

function RespondForm({ code }: { code: string }) {
  const form = useQuery(surveyQueries.respondForm(code));
  const [done, setDone] = useState(false);

  if (form.isPending) return <Loading />;
  if (form.isError) {
    const status = form.error instanceof ApiError ? form.error.status : 0;
    return (
      <>
        <PlainError error={form.error} title="설문을 열 수 없습니다." messages={RESPOND_ERRORS} testId="respond-error" />
        {status === 404 || status === 429 ? (
          <CodeEntry wrong />
        ) : (
          <p>
            <a href="/respond">다른 코드 입력하기</a>
          </p>
        )}
      </>
    );
  }

  const { title, definition, opensAt, closesAt, draft } = form.data;
  if (done) {
    return (
      <section className="panel respond-done" data-testid="respond-done" aria-labelledby="done-heading">
        <h1 id="done-heading">제출했습니다</h1>
        <p>
          <strong>{title}</strong>에 응답해 주셔서 감사합니다.
        </p>
        <p className="muted">응답은 익명으로 저장되었으며, 이 코드로는 다시 응답할 수 없습니다.</p>
      </section>
    );
  }
  const now = Date.now();
  const outside = now < new Date(opensAt).getTime() || now > new Date(closesAt).getTime();
  return (
    <>
      <div className="page-head">
        <h1 data-testid="respond-title">{title}</h1>
        <p className="muted small">
          응답 기간: {formatDateTime(opensAt)} ~ {formatDateTime(closesAt)}
        </p>
        {outside && (
          <p className="alert alert-warning" role="status">
            지금은 응답 기간이 아니어서 저장하거나 제출할 수 없습니다.
          </p>
        )}
        <p className="muted small">
          <span className="question-required" aria-hidden="true">
            *
          </span>{' '}
          표시는 꼭 답해야 하는 문항입니다. 중간에 <strong>임시 저장</strong>하면 같은 코드로 다시 열어 이어서 답할 수 있습니다.
        </p>
      </div>
      <SurveyForm
        definition={definition}
        initialAnswers={draft}
        savedText="임시 저장했습니다. 같은 코드로 다시 열면 이어서 답할 수 있습니다."
        messages={RESPOND_ERRORS}
        onSaveDraft={(answers) => surveysApi.saveRespondDraft(code, answers)}
        onSubmit={async (answers, key) => {
          await surveysApi.submitRespond(code, answers, key);
          setDone(true);
        }}
      />
    </>
  );
}
