import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { consentApi } from '../../api/consent';
import type { ConsentDecision, GuardianAnswerView } from '../../api/models';
import { InputField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { PlainError } from '../surveys/PlainError';
import { formatDateTime } from '../../format';
import { classText, DECISION_LABEL, GUARDIAN_RELATION_LABEL, METHOD_LABEL } from './consentLabels';
import { consentQueries } from './consentQueries';
import { GuardianRelationField, relationOf, relationProblem } from './GuardianRelationField';
import { NoticeText } from './NoticeText';

/** What a guardian reads when the link does not open the form. */
const LINK_ERRORS: Record<string, string> = {
  NOT_FOUND: '찾을 수 없는 링크입니다. 회신서에 적힌 주소를 다시 확인하세요.',
  LINK_EXPIRED: '유효 기간이 지난 링크입니다. 학교(담임 선생님)에 새 회신서를 요청하세요.',
  LINK_USED: '이미 답한 링크입니다. 링크 하나로 한 번만 답할 수 있습니다. 답을 바꾸려면 학교(담임 선생님)에 연락하세요.',
  VALIDATION_FAILED: '보호자 관계를 확인하세요.',
  TOO_MANY_REQUESTS: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
};

const DONE_TEXT: Record<ConsentDecision, string> = { granted: '동의하셨습니다', refused: '동의하지 않으셨습니다' };


/**
 * The guardian's page behind the one-time link on a return slip (no login, made for a phone): the
 * school, class and student id, the notice, and 동의합니다 / 동의하지 않습니다 with the guardian's
 * relation (and name if they wish). The link works once and expires.
 */
export function GuardianRespondPage({ token }: { token: string }) {
  const letter = useQuery(consentQueries.guardianLetter(token));
  const [relation, setRelation] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (decision: ConsentDecision) =>
      consentApi.answerGuardianLetter(token, { decision, guardianRelation: relationOf(relation), ...(name.trim() ? { guardianName: name.trim() } : {}) }),
    // Answered meanwhile (the other guardian, another phone, or the school from paper): show that answer.
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'LINK_USED') void letter.refetch();
    },
  });
  const done = send.data?.decision ?? null;
  const error = send.error;

  if (letter.isPending) return <Loading />;
  const shell = (children: ReactNode) => (
    <div className="page guardian-page">
      {children}
      {letter.data && <MyDataLink token={token} />}
    </div>
  );
  if (!letter.data) return shell(<PlainError error={letter.error} title="동의서를 열 수 없습니다." messages={LINK_ERRORS} testId="guardian-error" />);
  const l = letter.data;
  const used = (l.answered && !done) || (error instanceof ApiError && error.code === 'LINK_USED');

  const answer = (decision: ConsentDecision) => {
    const found = relation.trim() ? relationProblem(relation) : '학생과의 관계를 적어 주세요.';
    setProblem(found);
    if (!found) send.mutate(decision);
  };

  return shell(
    <>
      <div className="page-head">
        <p className="muted small">가정통신문 회신</p>
        <h1 data-testid="guardian-title">생성형 AI 서비스 이용 동의</h1>
        <dl className="guardian-student" data-testid="guardian-student">
          <div>
            <dt>학교</dt>
            <dd>{l.schoolName}</dd>
          </div>
          <div>
            <dt>학급</dt>
            <dd>{classText(l.grade, l.classNo, l.schoolLevel)}</dd>
          </div>
          <div>
            <dt>학생 ID</dt>
            <dd data-testid="guardian-student-code">{l.studentCode}</dd>
          </div>
        </dl>
      </div>
      {done ? (
        <section className="panel guardian-done" role="status" data-testid="guardian-done">
          <h2>{DONE_TEXT[done]}</h2>
          <p>답이 학교에 전달되었습니다. 감사합니다.</p>
          <p className="muted small">동의는 언제든지 학교(담임 선생님)에 알려 철회할 수 있습니다. 이 링크로는 다시 답할 수 없습니다.</p>
        </section>
      ) : used ? (
        <AnsweredPanel answer={l.answer} />
      ) : (
        <>
          <section className="panel">
            <h2>안내문</h2>
            <NoticeText notice={l.notice} service={l.service} />
          </section>
          <section className="panel guardian-answer" aria-labelledby="answer-heading">
            <h2 id="answer-heading">답하기</h2>
            <GuardianRelationField id="guardian-relation" label="학생과의 관계" value={relation} onChange={setRelation} />
            {problem && (
              <p className="field-error" role="alert" data-testid="relation-missing">
                {problem}
              </p>
            )}
            <InputField id="guardian-name" label="보호자 이름 (선택)" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="name" />
            <div className="guardian-buttons">
              <button type="button" className="button button-primary button-large" disabled={send.isPending} onClick={() => answer('granted')} data-testid="answer-granted">
                동의합니다
              </button>
              <button type="button" className="button button-secondary button-large" disabled={send.isPending} onClick={() => answer('refused')} data-testid="answer-refused">
                동의하지 않습니다
              </button>
            </div>
            <p className="muted small">동의를 거부할 권리와 거부에 따른 불이익은 안내문 4항에 있습니다. 한 번 답하면 이 링크로는 다시 답할 수 없습니다.</p>
            <PlainError error={error} title="답을 보내지 못했습니다." messages={LINK_ERRORS} testId="guardian-error" />
          </section>
        </>
      )}
    </>,
  );
}

/**
 * The way to what the platform holds about the child and to a request about it (개인정보 보호법 제35–37조): another
 * document behind the same link, so this page downloads nothing more for it.
 */
function MyDataLink({ token }: { token: string }) {
  return (
    <section className="panel" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">우리 아이 정보</h2>
      <p className="muted small">플랫폼이 보관하는 아이의 정보와 동의 기록을 보고, 열람·정정·삭제·처리정지를 요청할 수 있습니다.</p>
      <a href={`/privacy/my-data/${encodeURIComponent(token)}`} className="button button-secondary" data-testid="my-data-link">
        우리 아이 정보 보기·요청
      </a>
    </section>
  );
}

/** A used link: what answered it and when, calmly (a guardian checking what they said is not an error). */
function AnsweredPanel({ answer }: { answer: GuardianAnswerView | null }) {
  return (
    <section className="panel guardian-done" role="status" data-testid="guardian-answered">
      <h2>이미 답한 동의서입니다</h2>
      {answer ? (
        <dl className="answered-facts">
          <div>
            <dt>답</dt>
            <dd data-testid="answered-decision">{DECISION_LABEL[answer.decision]}</dd>
          </div>
          <div>
            <dt>답한 사람</dt>
            <dd>{GUARDIAN_RELATION_LABEL[answer.guardianRelation]}</dd>
          </div>
          <div>
            <dt>답한 방법</dt>
            <dd>{METHOD_LABEL[answer.method]}</dd>
          </div>
          <div>
            <dt>답한 때</dt>
            <dd data-testid="answered-at">{formatDateTime(answer.decidedAt)}</dd>
          </div>
        </dl>
      ) : null}
      <p className="muted small">링크 하나로 한 번만 답할 수 있습니다. 답을 바꾸거나 동의를 철회하려면 학교(담임 선생님)에 연락하세요.</p>
    </section>
  );
}
