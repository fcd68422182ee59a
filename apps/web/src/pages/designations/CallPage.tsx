import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ApplicationStatusBadge } from '../../components/DesignationBadges';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice, SubmitButton, TextAreaField } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { formatMinute, officeName, ROLE_LABEL } from '../../labels';
import { isAdmin, isCityAdmin } from '../../roles';
import { Link, navigate } from '../../router';
import type { DesignationCall, DistrictOffice, User } from '../../types';
import { useAction } from '../../useAction';
import { useAsync } from '../../useAsync';
import { CallFacts } from './CallFacts';
import { CallListLink } from './CallListLink';
import { RankingSection } from './RankingSection';

interface Data {
  call: DesignationCall;
  offices: DistrictOffice[];
}

/** One call: its facts; for a principal, their application; for administrators, reviewers and the ranking. */
export function CallPage({ user, callId }: { user: User; callId: number }) {
  const { data, error, reload, setData } = useAsync<Data>(async () => {
    const [call, offices, calls] = await Promise.all([
      api.call(callId),
      api.districtOffices(),
      // GET /calls/:id has no myApplication; the list has it for school staff.
      isAdmin(user) ? Promise.resolve(null) : api.calls(),
    ]);
    const mine = calls?.find((c) => c.id === callId);
    return { call: { ...call, myApplication: mine?.myApplication ?? null }, offices };
  }, [callId, user.role]);

  const refreshCall = async () => {
    const call = await api.call(callId);
    setData((d) => d && { ...d, call: { ...call, myApplication: d.call.myApplication } });
  };

  if (error || !data) {
    return <PageFallback error={error} heading="공모" errorTitle="공모를 불러오지 못했습니다." back={{ to: '/designations/calls', label: '공모 목록으로 돌아가기' }} />;
  }
  const { call, offices } = data;
  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<CallListLink user={user} />, call.title]} />
        <h1 data-testid="call-title">{call.title}</h1>
        <p className="muted">
          {call.typeName} · {call.schoolYear}학년도 · 접수 {formatMinute(call.opensAt)} ~ {formatMinute(call.closesAt)}
        </p>
      </div>
      <CallFacts call={call} offices={offices} />
      {!isAdmin(user) && <ApplySection call={call} user={user} onChanged={reload} />}
      {isCityAdmin(user) && <ReviewersSection callId={call.id} offices={offices} />}
      {isAdmin(user) && <RankingSection call={call} user={user} onDecided={refreshCall} />}
    </div>
  );
}

function ApplySection({ call, user, onChanged }: { call: DesignationCall; user: User; onChanged: () => Promise<void> }) {
  const [plan, setPlan] = useState('');
  const { busy, error, run } = useAction();
  const mine = call.myApplication;
  const live = mine && mine.status !== 'withdrawn';

  async function apply(event: FormEvent) {
    event.preventDefault();
    const created = await run(
      async () => {
        const application = await api.apply(call.id, plan.trim());
        navigate(`/designations/applications/${application.id}`);
      },
      { stayBusy: true },
    );
    // After a failure, show the call as it is now (the school may have applied meanwhile).
    if (!created) await onChanged().catch(() => undefined);
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
          {call.phase === 'upcoming' ? `접수 예정입니다. ${formatMinute(call.opensAt)}부터 신청할 수 있습니다.` : '접수가 마감되었습니다.'}
          {mine && ' (이전 신청서는 철회되었습니다.)'}
        </p>
      ) : user.role !== 'principal' ? (
        <p className="alert alert-info" role="note">
          신청서는 학교장이 작성·제출합니다. 아직 우리 학교의 신청서가 없습니다.
        </p>
      ) : (
        <form aria-label="신청서 작성 시작" onSubmit={apply} className="stack-form">
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
          <ErrorMessage error={error} title="신청서를 만들지 못했습니다." messages={{ DUPLICATE: '이 공모에 이미 우리 학교 신청서가 있습니다. 다시 신청하려면 먼저 철회하세요.' }} />
          <div className="form-actions">
            <SubmitButton busy={busy} busyLabel="만드는 중…">
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
  const { data: reviewers, error: loadError, setData } = useAsync(() => api.reviewers(callId), [callId]);
  const [ids, setIds] = useState('');
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const parsed = ids.split(/[\s,]+/).filter(Boolean);
  const invalid = parsed.filter((id) => !UUID.test(id));

  async function assign(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    await run(async () => {
      const list = await api.assignReviewers(callId, parsed);
      setData(() => list);
      setIds('');
      setNotice('심사위원을 배정했습니다.');
    });
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
        <form aria-label="심사위원 배정" onSubmit={assign} className="stack-form">
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
          <ErrorMessage error={error} title="심사위원을 배정하지 못했습니다." />
          <div className="form-actions">
            <SubmitButton busy={busy} busyLabel="배정 중…" className="button button-secondary" disabled={parsed.length === 0 || invalid.length > 0}>
              배정
            </SubmitButton>
            <Notice text={notice} />
          </div>
        </form>
      </details>
    </section>
  );
}
