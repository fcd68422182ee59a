import { useQuery } from '@tanstack/react-query';
import type { DesignationCallListItem, User } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { ApplicationStatusBadge, PhaseBadge } from '../../components/DesignationBadges';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ListStates } from '../../components/ResultsPanel';
import { formatDateTime, formatTerm, levelList } from '../../labels';
import { isAdmin, isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { callsQuery } from './queries';

/** Principals and teachers: the calls their school may apply to. Administrators: every call (공모 관리). */
export function CallListPage({ user }: { user: User }) {
  const { data: calls, error, isFetching: loading } = useQuery(callsQuery);
  const admin = isAdmin(user);

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>{admin ? '공모 관리' : '선도학교·연구학교 공모'}</h1>
          <p className="muted">
            {admin
              ? '조례 제5조에 따른 선도학교·연구학교 지정 공모입니다. 공모를 열고, 심사 순위를 확인하고, 지정 여부를 결정합니다.'
              : '우리 학교가 신청할 수 있는 선도학교·연구학교 지정 공모입니다. 접수 기간 안에 신청서를 작성해 제출하세요.'}
          </p>
        </div>
        {isCityAdmin(user) && (
          <Link to="/designations/calls/new" className="button button-primary" data-testid="new-call">
            새 공모 만들기
          </Link>
        )}
      </div>

      <ErrorMessage error={error} title="공모 목록을 불러오지 못했습니다." />
      <section className="panel" aria-labelledby="calls-heading" aria-busy={loading}>
        <h2 id="calls-heading">공모 목록</h2>
        <ListStates items={calls} loading={loading} empty={admin ? '아직 만든 공모가 없습니다.' : '지금 신청할 수 있는 공모가 없습니다.'}>
          {(calls) => (
            <DataTable
              testId="call-table"
              caption="선도학교·연구학교 지정 공모 목록"
              columns={['공모명', '대상 학교급', '접수 기간', '지정 기간', '상태', admin ? '접수·지정' : '우리 학교 신청']}
            >
              {calls.map((call) => (
                <tr key={call.id} data-testid={`call-row-${call.id}`}>
                  <th scope="row">
                    <Link to={`/designations/calls/${call.id}`}>{call.title}</Link>
                    <br />
                    <span className="muted small">
                      {call.typeName} · {call.schoolYear}학년도
                    </span>
                  </th>
                  <td>{levelList(call.eligibleLevels)}</td>
                  <td className="small">
                    {formatDateTime(call.opensAt)}
                    <br />~ {formatDateTime(call.closesAt)}
                  </td>
                  <td className="small">{formatTerm(call.termStart, call.termEnd)}</td>
                  <td>
                    <PhaseBadge phase={call.phase} />
                  </td>
                  <td>{admin ? <AdminCounts call={call} /> : <MyApplication call={call} user={user} />}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListStates>
      </section>
    </div>
  );
}

function AdminCounts({ call }: { call: DesignationCallListItem }) {
  const submitted = (call.counts.submitted ?? 0) + (call.counts.designated ?? 0) + (call.counts.rejected ?? 0);
  return (
    <span className="small">
      제출 {submitted}건 · 지정 {call.designated}/{call.quota}교
    </span>
  );
}

function MyApplication({ call, user }: { call: DesignationCallListItem; user: User }) {
  const mine = call.myApplication;
  if (mine && mine.status !== 'withdrawn') {
    return (
      <Link to={`/designations/applications/${mine.id}`} className="status-link" aria-label={`${call.title} 신청서 보기`}>
        <ApplicationStatusBadge status={mine.status} testId="my-application-status" />
        <span className="small">신청서 보기</span>
      </Link>
    );
  }
  if (call.phase === 'open' && user.role === 'principal') {
    return (
      <Link to={`/designations/calls/${call.id}`} className="button button-small button-secondary" aria-label={`${call.title} 신청하기`}>
        {mine ? '다시 신청하기' : '신청하기'}
      </Link>
    );
  }
  return <span className="muted small">{mine ? '철회함' : '미신청'}</span>;
}
