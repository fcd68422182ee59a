import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { privacyApi } from '../../api/privacy';
import type { GuardianMyData, PrivacyRequestKind, RequesterRelation } from '../../api/models/privacy';
import { InputField, SelectField, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime } from '../../format';
import { PlainError } from '../surveys/PlainError';
import {
  classLabel, CONSENT_METHOD_LABEL, DECISION_LABEL, KIND_CHOICE, KIND_LABEL, OUTCOME_LABEL, POLICY_PATH, REQUESTER_LABEL,
} from './requestLabels';
import './privacyPublic.css';

/** What a guardian reads when the link does not open the page or the request is refused. */
const LINK_ERRORS: Record<string, string> = {
  NOT_FOUND: '찾을 수 없는 링크입니다. 회신서에 적힌 주소를 다시 확인하세요.',
  LINK_EXPIRED: '유효 기간이 지나 사용하지 않은 링크입니다. 학교(담임 선생님)에 직접 요청하시거나 새 회신서를 요청하세요.',
  TOO_MANY_REQUESTS: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
  VALIDATION_FAILED: '요청 내용을 확인하세요. 정정 요청에는 고칠 내용을 적어 주세요.',
};

type GuardianRelationChoice = Exclude<RequesterRelation, 'student'>;
const RELATION_CHOICES: Record<'' | GuardianRelationChoice, string> = {
  '': '선택하세요',
  father: REQUESTER_LABEL.father,
  mother: REQUESTER_LABEL.mother,
  legal_representative: REQUESTER_LABEL.legal_representative,
  other_guardian: REQUESTER_LABEL.other_guardian,
};

/**
 * 우리 아이 정보 보기·요청, behind the same one-time link as the consent slip (no login, made for a phone): what the
 * platform holds about the child, the guardian's consent decisions, and a request to see, correct, delete or stop
 * processing it (개인정보 보호법 제35–37조), which goes to the school and is answered within 10 days.
 */
export function GuardianDataPage({ token }: { token: string }) {
  const mine = useQuery({ queryKey: ['privacy', 'my-data', token], queryFn: () => privacyApi.guardianMyData(token), gcTime: 0 });
  if (mine.isPending) return <Loading />;
  const shell = (children: ReactNode) => <div className="page guardian-page">{children}</div>;
  if (!mine.data) return shell(<PlainError error={mine.error} title="정보를 열 수 없습니다." messages={LINK_ERRORS} testId="my-data-error" />);
  const d = mine.data;
  return shell(
    <>
      <div className="page-head">
        <p className="muted small">
          <a href={`/consent/respond/${encodeURIComponent(token)}`}>← 동의서로 돌아가기</a>
        </p>
        <h1 data-testid="my-data-title">우리 아이 정보 보기·요청</h1>
        <dl className="guardian-student" data-testid="my-data-student">
          <div>
            <dt>학교</dt>
            <dd>{d.schoolName}</dd>
          </div>
          <div>
            <dt>학급</dt>
            <dd>{classLabel(d.grade, d.classNo, d.schoolLevel)}</dd>
          </div>
          <div>
            <dt>학생 ID</dt>
            <dd data-testid="my-data-student-code">{d.studentCode}</dd>
          </div>
          <div>
            <dt>생년월</dt>
            <dd>{d.birthMonth ? d.birthMonth.replace('-', '년 ') + '월' : '없음'}</dd>
          </div>
        </dl>
        <p className="muted small">학생의 이름은 보관하지 않습니다. 학생 ID는 학교가 정한 번호입니다.</p>
      </div>
      <HeldData data={d} />
      <RequestForm token={token} onDone={() => void mine.refetch()} />
      <RequestList requests={d.requests} />
      <p className="muted small">
        개인정보를 어떻게 처리하는지는 <a href={POLICY_PATH}>개인정보 처리방침</a>에서 볼 수 있습니다.
      </p>
    </>,
  );
}

function HeldData({ data: d }: { data: GuardianMyData }) {
  return (
    <section className="panel" aria-labelledby="held-heading" data-testid="my-data-held">
      <h2 id="held-heading">플랫폼이 보관하는 정보</h2>
      <h3>생성형 AI 이용 동의</h3>
      {d.consents.length === 0 ? (
        <p className="muted">보관된 동의 기록이 없습니다.</p>
      ) : (
        <ul className="my-data-list" data-testid="my-data-consents">
          {d.consents.map((c, i) => (
            <li key={i} data-testid="my-data-consent">
              <strong>{c.serviceName}</strong> <span className="muted small">({c.provider})</span> — <strong>{DECISION_LABEL[c.decision]}</strong>
              <br />
              <span className="small">
                {REQUESTER_LABEL[c.guardianRelation]}
                {c.guardianName ? ` ${c.guardianName}` : ''} · {CONSENT_METHOD_LABEL[c.method]} · {formatDateTime(c.decidedAt)} · {c.noticeSchoolYear}학년도 안내문 {c.noticeVersion}판
                {c.guardianContactHeld ? ' · 연락처 보관' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>이용 가능 판정 기록</h3>
      <p>{d.eligibilityChecks > 0 ? `${d.eligibilityChecks}건 (수업에서 서비스를 이용할 수 있는지 확인한 기록)` : '없습니다.'}</p>
      <h3>AI·디지털 리터러시 진단</h3>
      {d.literacy.length === 0 ? (
        <p className="muted">보관된 진단 결과가 없습니다.</p>
      ) : (
        <ul className="policy-list" data-testid="my-data-literacy">
          {d.literacy.map((a) => (
            <li key={`${a.schoolYear}-${a.name}`}>
              {a.schoolYear}학년도 {a.name} (응답과 점수)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestForm({ token, onDone }: { token: string; onDone: () => void }) {
  const [kind, setKind] = useState<PrivacyRequestKind>('access');
  const [detail, setDetail] = useState('');
  const [relation, setRelation] = useState<'' | GuardianRelationChoice>('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      privacyApi.guardianPrivacyRequest(token, {
        kind,
        detail: detail.trim(),
        requesterRelation: relation as GuardianRelationChoice,
        ...(name.trim() ? { requesterName: name.trim() } : {}),
      }),
    onSuccess: () => {
      setDetail('');
      onDone();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = !relation ? '학생과의 관계를 선택하세요.' : kind === 'correction' && !detail.trim() ? '고칠 내용을 적어 주세요.' : null;
    setProblem(found);
    if (!found) send.mutate();
  };
  const fieldError = send.error instanceof ApiError ? send.error.details.find((x) => x.field)?.field : undefined;

  return (
    <section className="panel privacy-request-form" aria-labelledby="request-heading">
      <h2 id="request-heading">요청하기</h2>
      <p className="muted small">
        열람·정정·삭제·처리정지를 요청하면 학교에 전달되고, 학교장이 받은 날부터 10일 안에 답합니다. 삭제가 끝나면 이 링크도 함께 파기되어 열리지 않으므로, 그 결과는 학교가 따로 알려 드립니다.
      </p>
      <form onSubmit={submit} noValidate data-testid="privacy-request-form">
        <SelectField id="request-kind" label="요청 종류" value={kind} options={KIND_CHOICE} onChange={setKind} />
        <TextAreaField
          id="request-detail"
          label={kind === 'correction' ? '고칠 내용' : '요청 내용 (선택)'}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
          maxLength={2000}
          rows={3}
        />
        <SelectField id="request-relation" label="학생과의 관계" value={relation} options={RELATION_CHOICES} onChange={setRelation} error={fieldError === 'requesterRelation' ? '관계를 선택하세요.' : undefined} />
        <InputField id="request-name" label="요청하는 분 이름 (선택)" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="name" />
        {problem && (
          <p className="field-error" role="alert" data-testid="request-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary button-large" disabled={send.isPending} data-testid="request-submit">
          {send.isPending ? '보내는 중…' : '요청 보내기'}
        </button>
      </form>
      {send.data && (
        <p className="notice" role="status" data-testid="request-sent">
          {KIND_LABEL[send.data.kind]} 요청이 학교에 접수되었습니다. {formatDate(send.data.dueOn)}까지 답변드립니다.
        </p>
      )}
      <PlainError error={send.error} title="요청을 보내지 못했습니다." messages={LINK_ERRORS} testId="request-error" />
    </section>
  );
}

function RequestList({ requests }: { requests: GuardianMyData['requests'] }) {
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">요청 내역</h2>
      {requests.length === 0 ? (
        <p className="muted">아직 요청한 내역이 없습니다.</p>
      ) : (
        <ul className="my-data-list" data-testid="my-requests">
          {requests.map((r) => (
            <li key={r.id} data-testid="my-request" data-kind={r.kind} data-status={r.status}>
              <strong>{KIND_LABEL[r.kind]} 요청</strong> · {formatDateTime(r.receivedAt)} {r.channel === 'school' ? '(학교 접수)' : ''}
              <br />
              {r.status === 'answered' && r.outcome ? (
                <>
                  <span className="small">
                    <strong data-testid="my-request-outcome">{OUTCOME_LABEL[r.outcome]}</strong>
                    {r.answeredAt ? ` · ${formatDateTime(r.answeredAt)}` : ''}
                  </span>
                  <p className="small">{r.answer}</p>
                </>
              ) : (
                <span className="small" data-testid="my-request-status">
                  접수됨 · {formatDate(r.dueOn)}까지 답변 예정
                </span>
              )}
              {r.detail && <p className="muted small">{r.detail}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
