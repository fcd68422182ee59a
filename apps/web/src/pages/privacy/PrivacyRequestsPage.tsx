import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { User } from '../../api/models';
import type { PrivacyOutcome, PrivacyRequest, PrivacyRequestQuery } from '../../api/models/privacy';
import { privacyApi } from '../../api/privacy';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { formatDate, formatDateTime } from '../../format';
import { isAdmin } from '../../roles';
import { ConsentLayout } from '../consent/ConsentLayout';
import { CHANNEL_LABEL, KIND_LABEL, OUTCOME_LABEL, REQUESTER_LABEL } from './requestLabels';
import './privacyPublic.css';

const STATUS_FILTER = { '': '전체', received: '답변 대기', answered: '답변 완료' } as const;
const OUTCOME_CHOICE: Record<'' | PrivacyOutcome, string> = { '': '선택하세요', ...OUTCOME_LABEL };
const ANSWER_FIELDS = { outcome: '처리 결과', answer: '답변' };
const ANSWER_MESSAGES = {
  LEGAL_HOLD: '법적 보존 중인 학생(또는 학교)의 정보라 파기할 수 없습니다. 보존이 풀린 뒤 다시 답하거나, 거절 사유로 답하세요.',
  REQUEST_ANSWERED: '이미 답변한 요청입니다.',
};

const requestsKey = ['privacy', 'requests'] as const;

/** Only the school's principal (or a city administrator) answers; teachers and offices follow the list. */
const mayAnswer = (user: User, r: PrivacyRequest) => user.role === 'city_admin' || (user.role === 'principal' && user.schoolId === r.schoolId);

/**
 * 개인정보 열람·정정·삭제·처리정지 요청 (개인정보 보호법 제35–37조): the requests of the caller's schools, unanswered
 * first by due day (10 days from receipt), with the overdue ones marked; the principal answers here, and a
 * deletion answered 처리 완료 destroys the student's data at once (entered in the destruction register).
 */
export function PrivacyRequestsPage({ user }: { user: User }) {
  const [status, setStatus] = useState<keyof typeof STATUS_FILTER>('received');
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<number | null>(null);
  const query: PrivacyRequestQuery = { page, pageSize: 50, ...(status ? { status } : {}) };
  const list = useQuery({ queryKey: [...requestsKey, query], queryFn: () => privacyApi.privacyRequests(query), placeholderData: keepPreviousData });
  const admin = isAdmin(user);
  const selected = list.data?.items.find((r) => r.id === answering) ?? null;

  return (
    <ConsentLayout
      user={user}
      title="개인정보 열람·삭제 요청"
      lead="보호자가 동의서 링크로 하거나 학교에 한 열람·정정·삭제·처리정지 요청입니다. 받은 날부터 10일 안에 학교장이 답해야 합니다."
    >
      <section className="panel" aria-labelledby="requests-heading">
        <div className="panel-head">
          <h2 id="requests-heading">요청 목록</h2>
          <SelectField
            id="privacy-status"
            label="상태"
            value={status}
            options={STATUS_FILTER}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
          />
        </div>
        <ErrorMessage error={list.error} title="요청 목록을 불러오지 못했습니다." />
        {list.isPending ? (
          <Loading />
        ) : list.data && list.data.items.length === 0 ? (
          <p className="muted" data-testid="privacy-requests-empty">
            {status === 'received' ? '답변을 기다리는 요청이 없습니다.' : '요청이 없습니다.'}
          </p>
        ) : (
          list.data && (
            <>
              <DataTable
                columns={['받은 때', admin && '학교', '학생', '요청', '요청한 사람', '처리 기한', '상태', '']}
                caption="개인정보 요청 목록"
                testId="privacy-requests"
              >
                {list.data.items.map((r) => (
                  <tr key={r.id} data-testid="privacy-request-row" data-id={r.id}>
                    <td>
                      {formatDateTime(r.receivedAt)}
                      <br />
                      <span className="muted small">{CHANNEL_LABEL[r.channel]}</span>
                    </td>
                    {admin && <td>{r.schoolName}</td>}
                    <td>{r.studentCode ?? '(파기됨)'}</td>
                    <td>
                      <strong>{KIND_LABEL[r.kind]}</strong>
                      {r.detail && <p className="small">{r.detail}</p>}
                    </td>
                    <td>
                      {r.requesterRelation ? REQUESTER_LABEL[r.requesterRelation] : '-'}
                      {r.requesterName ? ` ${r.requesterName}` : ''}
                      {r.recordedBy && <p className="muted small">기록: {r.recordedBy}</p>}
                    </td>
                    <td>
                      {formatDate(r.dueOn)}
                      {r.overdue && (
                        <p className="privacy-overdue small" data-testid="privacy-overdue">
                          기한 지남
                        </p>
                      )}
                    </td>
                    <td data-testid="privacy-request-status">
                      {r.status === 'answered' && r.outcome ? (
                        <>
                          <strong>{OUTCOME_LABEL[r.outcome]}</strong>
                          <p className="small">{r.answer}</p>
                          <p className="muted small">
                            {r.answeredBy ?? ''} {r.answeredAt ? formatDateTime(r.answeredAt) : ''}
                          </p>
                          {r.registerIds.length > 0 && <p className="muted small">파기 대장 {r.registerIds.map((id) => `#${id}`).join(', ')}</p>}
                        </>
                      ) : (
                        '답변 대기'
                      )}
                    </td>
                    <td>
                      {r.status === 'received' && mayAnswer(user, r) && (
                        <button type="button" className="button button-small" onClick={() => setAnswering(r.id)} data-testid="privacy-answer-open">
                          답변하기
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
              <Pagination page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
            </>
          )
        )}
      </section>
      {selected && <AnswerForm key={selected.id} request={selected} onClose={() => setAnswering(null)} />}
    </ConsentLayout>
  );
}

function AnswerForm({ request, onClose }: { request: PrivacyRequest; onClose: () => void }) {
  const [outcome, setOutcome] = useState<'' | PrivacyOutcome>('');
  const [answer, setAnswer] = useState('');
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => privacyApi.answerPrivacyRequest(request.id, { outcome: outcome as PrivacyOutcome, answer: answer.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestsKey });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const destroys = request.kind === 'deletion' && outcome === 'done';

  return (
    <section className="panel" aria-labelledby="answer-heading" data-testid="privacy-answer-form">
      <h2 id="answer-heading">
        {request.studentCode ?? ''} {KIND_LABEL[request.kind]} 요청에 답하기
      </h2>
      <p className="muted small">처리 기한: {formatDate(request.dueOn)} · 답변은 요청과 함께 보관되고 보호자의 링크 화면에 보입니다.</p>
      <form onSubmit={submit} className="form-grid" noValidate>
        <SelectField id="answer-outcome" label="처리 결과" value={outcome} options={OUTCOME_CHOICE} onChange={setOutcome} required />
        <TextAreaField id="answer-text" label="답변 (거절이면 사유와 이의 제기 방법)" value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={4000} rows={4} wide required />
        {destroys && (
          <p className="alert alert-warning" role="note" data-testid="answer-destroys">
            처리 완료로 답하면 이 학생의 동의 기록, 회신서 링크, 이용 가능 판정 기록이 바로 파기되고 학생 번호와 생년월은 익명 처리됩니다. 파기 대장에 이 요청과 함께 기록됩니다.
          </p>
        )}
        <div className="form-actions">
          <SubmitButton busy={send.isPending} busyLabel="보내는 중…" disabled={!outcome || !answer.trim()} testId="privacy-answer-submit">
            답변 보내기
          </SubmitButton>
          <button type="button" className="button button-ghost" onClick={onClose}>
            취소
          </button>
        </div>
      </form>
      <ErrorMessage error={send.error} title="답변을 보내지 못했습니다." messages={ANSWER_MESSAGES} fields={ANSWER_FIELDS} />
    </section>
  );
}
