import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api';
import type { ConsentDecision } from '../../api/models';
import { InputField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { PlainError } from '../surveys/PlainError';
import { classText } from './consentLabels';
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

/** The used-link message as an error of the same shape as the API's, for a link opened after it was answered. */
const USED = new ApiError(409, 'LINK_USED', 'This link has already been used');

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
      api.answerGuardianLetter(token, { decision, guardianRelation: relationOf(relation), ...(name.trim() ? { guardianName: name.trim() } : {}) }),
  });
  const done = send.data?.decision ?? null;
  const error = send.error;

  if (letter.isPending) return <Loading />;
  const shell = (children: ReactNode) => <div className="page guardian-page">{children}</div>;
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
        <PlainError error={USED} title="이미 답한 동의서입니다." messages={LINK_ERRORS} testId="guardian-error" />
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
