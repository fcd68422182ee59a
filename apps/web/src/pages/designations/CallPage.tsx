import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import type { DesignationCall, DistrictOffice, MyApplication, User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ApplicationStatusBadge } from '../../components/DesignationBadges';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice, SubmitButton, TextAreaField } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { formatDateTime, officeName, ROLE_LABEL } from '../../labels';
import { isAdmin, isCityAdmin } from '../../roles';
import { CallFacts } from './CallFacts';
import { CallListLink } from './CallListLink';
import { callQuery, callsQuery, designationKeys, officesQuery, reviewersQuery } from './queries';
import { RankingSection } from './RankingSection';

/** One call: its facts; for a principal, their application; for administrators, reviewers and the ranking. */
export function CallPage({ user, callId }: { user: User; callId: number }) {
  const admin = isAdmin(user);
  const callAnswer = useQuery(callQuery(callId));
  const offices = useQuery(officesQuery);
  // GET /calls/:id has no myApplication; the list has it for school staff.
  const calls = useQuery({ ...callsQuery, enabled: !admin });
  const call = callAnswer.data;
  const error = callAnswer.error ?? offices.error ?? calls.error;

  if (!call || !offices.data || (!admin && !calls.data)) {
    return <PageFallback error={error} heading="공모" errorTitle="공모를 불러오지 못했습니다." back={{ to: '/designations/calls', label: '공모 목록으로 돌아가기' }} />;
  }
  const mine = calls.data?.find((c) => c.id === callId)?.myApplication ?? null;
  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<CallListLink user={user} />, call.title]} />
        <h1 data-testid="call-title">{call.title}</h1>
        <p className="muted">
          {call.typeName} · {call.schoolYear}학년도 · 접수 {formatDateTime(call.opensAt)} ~ {formatDateTime(call.closesAt)}
        </p>
      </div>
      <CallFacts call={call} offices={offices.data} />
      {!admin && <ApplySection call={call} mine={mine} user={user} />}
      {isCityAdmin(user) && <ReviewersSection callId={call.id} offices={offices.data} />}
      {admin && <RankingSection call={call} user={user} />}
    </div>
  );
}

function ApplySection({ call, mine, user }: { call: DesignationCall; mine: MyApplication | null; user: User }) {
  const [plan, setPlan] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const apply = useMutation({
    mutationFn: () => api.apply(call.id, plan.trim()),
    onSuccess: (application) => {
      void queryClient.invalidateQueries({ queryKey: designationKeys.calls });
      void navigate(`/designations/applications/${application.id}`);
    },
    // Show the call as it is now (the school may have applied meanwhile).
    onError: () => queryClient.invalidateQueries({ queryKey: designationKeys.calls }),
  });
  const live = mine && mine.status !== 'withdrawn';

  function submit(event: FormEvent) {
    event.preventDefault();
    apply.mutate();
  }

  return (
    <section className="panel" aria-labelledby="apply-heading" data-testid="apply-section">
      <h2 id="apply-heading">우리 학교 신청</h2>
      {live ? (
        <p className="status-line">
          <ApplicationStatusBadge status={mine.status} testId="my-application-status" />{' '}
          <Link to={`/designations/applications/${mine.id}`} className="button button-secondary">
            신청서 보기
          </Link>
        </p>
      ) : call.phase !== 'open' ? (
        <p className="alert alert-info" role="note">
          {call.phase === 'upcoming' ? `접수 예정입니다. ${formatDateTime(call.opensAt)}부터 신청할 수 있습니다.` : '접수가 마감되었습니다.'}
          {mine && ' (이전 신청서는 철회되었습니다.)'}
        </p>
      ) : user.role !== 'principal' ? (
        <p className="alert alert-info" role="note">
          신청서는 학교장이 작성·제출합니다. 아직 우리 학교의 신청서가 없습니다.
        </p>
      ) : (
        <form aria-label="신청서 작성 시작" onSubmit={submit} className="stack-form">
          {mine && <p className="muted">이전 신청서는 철회되었습니다. 새 신청서를 작성할 수 있습니다.</p>}
          <TextAreaField
            id="apply-plan"
            label="운영 계획 요약"
            rows={6}
            maxLength={5000}
            value={plan}
            onChange={(e) => setPlan(e.target.value)}
            hint="나중에 신청서 화면에서 고칠 수 있습니다. 제출 전까지는 작성 중 상태로 저장됩니다. (최대 5,000자)"
          />
          <ErrorMessage error={apply.error} title="신청서를 만들지 못했습니다." messages={{ DUPLICATE: '이 공모에 이미 우리 학교 신청서가 있습니다. 다시 신청하려면 먼저 철회하세요.' }} />
          <div className="form-actions">
            <SubmitButton busy={apply.isPending || apply.isSuccess} busyLabel="만드는 중…">
              신청서 작성 시작
            </SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The call's reviewers. The API has no user search, so reviewers are added by their user id (UUID);
 * only city and district administrators can be assigned.
 */
function ReviewersSection({ callId, offices }: { callId: number; offices: DistrictOffice[] }) {
  const { data: reviewers, error: loadError } = useQuery(reviewersQuery(callId));
  const queryClient = useQueryClient();
  const [ids, setIds] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const parsed = ids.split(/[\s,]+/).filter(Boolean);
  const invalid = parsed.filter((id) => !UUID.test(id));
  const assign = useMutation({
    mutationFn: (reviewerIds: string[]) => api.assignReviewers(callId, reviewerIds),
    onMutate: () => setNotice(null),
    onSuccess: (list) => {
      queryClient.setQueryData(reviewersQuery(callId).queryKey, list);
      setIds('');
      setNotice('심사위원을 배정했습니다.');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    assign.mutate(parsed);
  }

  return (
    <section className="panel" aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">심사위원</h2>
      <ErrorMessage error={loadError} title="심사위원 목록을 불러오지 못했습니다." />
      {reviewers && reviewers.length === 0 && <p className="empty">아직 배정된 심사위원이 없습니다.</p>}
      {reviewers && reviewers.length > 0 && (
        <ul className="reviewer-list" data-testid="reviewer-list">
          {reviewers.map((r) => (
            <li key={r.id}>
              <strong>{r.displayName}</strong> <span className="muted">{r.email}</span> <span className="badge">{ROLE_LABEL[r.role] ?? r.role}</span>{' '}
              <span className="muted small">{r.districtOffice ? officeName(offices, r.districtOffice) : '교육청'}</span>
            </li>
          ))}
        </ul>
      )}
      <details className="edit-box">
        <summary>사용자 ID로 심사위원 배정</summary>
        <form aria-label="심사위원 배정" onSubmit={submit} className="stack-form">
          <TextAreaField
            id="reviewer-ids"
            label="심사위원 사용자 ID"
            rows={3}
            value={ids}
            onChange={(e) => setIds(e.target.value)}
            placeholder="00000000-0000-0000-0000-000000000000"
            hint="사용자 검색 기능이 없어 사용자 ID(UUID)를 직접 입력합니다. 여러 명은 줄바꿈이나 쉼표로 구분하세요. 교육청·교육지원청 관리자만 배정할 수 있습니다."
          />
          {invalid.length > 0 && (
            <p className="field-error" role="alert">
              사용자 ID 형식이 아닙니다: {invalid.join(', ')}
            </p>
          )}
          <ErrorMessage error={assign.error} title="심사위원을 배정하지 못했습니다." />
          <div className="form-actions">
            <SubmitButton busy={assign.isPending} busyLabel="배정 중…" className="button button-secondary" disabled={parsed.length === 0 || invalid.length > 0}>
              배정
            </SubmitButton>
            <Notice text={notice} />
          </div>
        </form>
      </details>
    </section>
  );
}
