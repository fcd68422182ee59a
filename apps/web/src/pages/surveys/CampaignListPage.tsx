import { useQuery } from '@tanstack/react-query';
import type { CampaignStatus, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { ListStates } from '../../components/ResultsPanel';
import { formatDateTime } from '../../labels';
import { useListQuery } from '../../listQuery';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { AUDIENCE_LABEL, CAMPAIGN_STATUS_LABEL, KIND_LABEL } from './surveyLabels';
import { surveyQueries } from './surveyQueries';

/**
 * 설문: administrators see the campaigns surveying their schools (status filter, new campaign,
 * templates); a principal sees 우리 학교 설문, the campaigns their school answers or runs.
 */
export function CampaignListPage({ user }: { user: User }) {
  const list = useListQuery('/surveys', ['status'] as const);
  const status = list.filters.status as CampaignStatus | '';
  const { data, error, isFetching: loading } = useQuery(surveyQueries.campaigns(status || undefined));
  const admin = isAdmin(user);
  const principal = user.role === 'principal';

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>{admin ? '설문' : '우리 학교 설문'}</h1>
          <p className="muted">
            {admin
              ? '조례 제6조에 따른 실태조사·만족도 조사입니다. 설문을 시작하고, 학교별 응답률을 보고, 결과 보고서를 봅니다.'
              : '우리 학교가 응답할 교육청 설문과 우리 학교가 직접 하는 수요조사입니다. 학교 설문은 여기서 답하고, 학생·학부모·교원 설문은 응답 코드를 발급해 나눠 주세요.'}
          </p>
        </div>
        <div className="row-actions">
          {admin && (
            <>
              <Link to="/surveys/templates" className="button button-secondary" data-testid="templates-link">
                설문 템플릿
              </Link>
              <Link to="/surveys/campaigns/new" className="button button-primary" data-testid="new-campaign">
                새 설문 시작
              </Link>
            </>
          )}
          {principal && (
            <Link to="/surveys/demand/new" className="button button-primary" data-testid="new-demand-survey">
              수요조사 만들기
            </Link>
          )}
        </div>
      </div>

      <FilterBar label="설문 검색" onReset={list.reset}>
        <SelectField id="campaign-status" label="상태" options={{ ...ANY, ...CAMPAIGN_STATUS_LABEL }} value={status} onChange={(v) => list.apply({ status: v })} />
      </FilterBar>

      <ErrorMessage error={error} title="설문 목록을 불러오지 못했습니다." />
      <section className="panel" aria-labelledby="campaigns-heading" aria-busy={loading}>
        <h2 id="campaigns-heading">설문 목록</h2>
        <ListStates items={data?.items} loading={loading} empty={status ? `${CAMPAIGN_STATUS_LABEL[status]}인 설문이 없습니다.` : '아직 설문이 없습니다.'}>
          {(items) => (
            <DataTable testId="campaign-table" caption="설문 목록" columns={['설문', '대상', '기간', '상태', num(admin ? '학교' : '우리 학교 응답'), admin ? num('응답') : null]}>
              {items.map((c) => (
                <tr key={c.id} data-testid={`campaign-row-${c.id}`}>
                  <th scope="row">
                    <Link to={`/surveys/campaigns/${c.id}`}>{c.title}</Link>
                    <br />
                    <span className="muted small">
                      {KIND_LABEL[c.kind] ?? c.kind}
                      {c.ownerSchoolId !== null && ' · 학교 자체 설문'}
                    </span>
                  </th>
                  <td>{AUDIENCE_LABEL[c.audience]}</td>
                  <td className="small">
                    {formatDateTime(c.opensAt)}
                    <br />~ {formatDateTime(c.closesAt)}
                  </td>
                  <td>
                    <CampaignStatusBadge status={c.status} />
                  </td>
                  {admin ? (
                    <>
                      <td className="num">{c.schools.toLocaleString('ko-KR')}교</td>
                      <td className="num">{c.responses.toLocaleString('ko-KR')}건</td>
                    </>
                  ) : (
                    <td className="num">{c.audience === 'school' ? (c.responses > 0 ? '제출 완료' : '미제출') : `${c.responses.toLocaleString('ko-KR')}건`}</td>
                  )}
                </tr>
              ))}
            </DataTable>
          )}
        </ListStates>
      </section>
    </div>
  );
}
