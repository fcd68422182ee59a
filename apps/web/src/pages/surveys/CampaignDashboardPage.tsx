import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, surveyUrls } from '../../api';
import type { CampaignProgress, Job, SurveyCampaign } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatCard } from '../../components/StatCard';
import { formatPercent } from '../../labels';
import { Link } from 'react-router';
import { useJob } from '../../useJob';
import { CampaignFallback, CampaignHead } from './CampaignHead';
import { JobStatusLine } from './JobStatusLine';
import { SchoolProgressTable } from './SchoolProgressTable';
import { PROGRESS_POLL_MS, surveyKeys, surveyQueries } from './surveyQueries';

export const rateText = (rate: number | null): string => (rate === null ? '-' : formatPercent(rate));

/** The live response-rate dashboard of a campaign (administrators): by office and by school, reminders, aggregation. */
export function CampaignDashboardPage({ campaignId }: { campaignId: number }) {
  const campaign = useQuery(surveyQueries.campaign(campaignId));
  const progress = useQuery(surveyQueries.progress(campaignId));
  if (!campaign.data) return <CampaignFallback error={campaign.error} />;
  const c = campaign.data;
  return (
    <div className="page">
      <CampaignHead campaign={c} steps={[<Link to="/surveys">설문</Link>, c.title]}>
        응답률은 {PROGRESS_POLL_MS / 1000}초마다 새로 읽습니다.
        {progress.dataUpdatedAt > 0 && ` 마지막 확인 ${new Date(progress.dataUpdatedAt).toLocaleTimeString('ko-KR', { hour12: false })}.`}
      </CampaignHead>
      <CampaignActions campaign={c} />
      <ErrorMessage error={progress.error} title="응답 현황을 불러오지 못했습니다." />
      {progress.data && <ProgressView campaign={c} progress={progress.data} />}
    </div>
  );
}

/**
 * 독려 알림 보내기 and 집계 다시 하기, each a background job followed to its end; then the schools'
 * last reminders, or the report, are read again.
 */
export function CampaignActions({ campaign: c }: { campaign: SurveyCampaign }) {
  const queryClient = useQueryClient();
  const remind = useJob(api.jobById<Job>, () => void queryClient.invalidateQueries({ queryKey: surveyKeys.progress(c.id) }));
  const aggregate = useJob(api.jobById<Job>, () => void queryClient.invalidateQueries({ queryKey: surveyKeys.report(c.id) }));
  const reminded = remind.run.state === 'done' ? Number(remind.run.job.result?.summary?.schools ?? 0) : null;
  return (
    <section className="panel" aria-labelledby="campaign-actions-heading">
      <h2 id="campaign-actions-heading">설문 운영</h2>
      <div className="action-row">
        <div>
          <button type="button" className="button button-primary" data-testid="remind-button" disabled={remind.busy || c.status !== 'open'} onClick={() => void remind.start(() => api.remind(c.id))}>
            {remind.busy ? '보내는 중…' : '독려 알림 보내기'}
          </button>
          <p className="muted small">{c.status === 'open' ? '독려가 필요한 학교의 학교장에게 알림을 보냅니다. 같은 학교에는 하루에 한 번만 보냅니다.' : '진행 중인 설문에만 보낼 수 있습니다.'}</p>
          <JobStatusLine run={remind.run} testId="remind-status" failedTitle="독려 알림을 보내지 못했습니다." doneText={reminded === null ? '' : reminded > 0 ? `${reminded}개교에 독려 알림을 보냈습니다.` : '새로 알림을 보낼 학교가 없습니다(오늘 이미 보냈거나 독려가 필요한 학교가 없음).'} />
        </div>
        <div>
          <button type="button" className="button button-secondary" data-testid="aggregate-button" disabled={aggregate.busy} onClick={() => void aggregate.start(() => api.aggregate(c.id))}>
            {aggregate.busy ? '집계 중…' : '집계 다시 하기'}
          </button>
          <p className="muted small">지금까지의 응답으로 보고서를 다시 계산합니다. 마감 후에는 자동으로 집계됩니다.</p>
          <JobStatusLine
            run={aggregate.run}
            testId="aggregate-status"
            failedTitle="집계하지 못했습니다."
            doneText={
              <>
                집계를 마쳤습니다. <Link to={`/surveys/campaigns/${c.id}/report`}>결과 보고서 보기</Link>
              </>
            }
          />
        </div>
        <div>
          <DownloadButton url={surveyUrls.responseRatesXlsx(c.id)} label="응답률 XLSX 내려받기" filename={`설문_응답률_${c.title}.xlsx`} testId="response-rates-xlsx" />
          <p className="muted small">지금의 학교별 응답률과 교육지원청별 합계를 엑셀 파일로 내려받습니다.</p>
        </div>
      </div>
    </section>
  );
}

function ProgressView({ campaign: c, progress }: { campaign: SurveyCampaign; progress: CampaignProgress }) {
  const { totals, offices } = progress;
  const school = c.audience === 'school';
  const [office, setOffice] = useState('');
  return (
    <>
      <section className="stat-grid" aria-label="응답 현황" data-testid="progress-totals">
        <StatCard label="대상 학교" value={totals.schools.toLocaleString('ko-KR')} unit="교" testId="progress-schools" />
        <StatCard label={school ? '제출한 학교' : '응답이 있는 학교'} value={totals.respondedSchools.toLocaleString('ko-KR')} unit="교" testId="progress-responded-schools" />
        <StatCard label="독려가 필요한 학교" value={totals.behindSchools.toLocaleString('ko-KR')} unit="교" tone={totals.behindSchools ? 'warning' : 'default'} testId="progress-behind" />
        {school ? (
          <StatCard label="제출률" value={totals.schools ? formatPercent(totals.respondedSchools / totals.schools) : '-'} testId="progress-rate" />
        ) : (
          <StatCard
            label="응답률"
            value={rateText(totals.rate)}
            testId="progress-rate"
            note={
              <>
                응답 <strong data-testid="progress-responses">{totals.responses.toLocaleString('ko-KR')}</strong>건 / 발급 코드 {totals.codesIssued.toLocaleString('ko-KR')}개
              </>
            }
          />
        )}
      </section>

      <section className="panel" aria-labelledby="office-progress-heading">
        <h2 id="office-progress-heading">교육지원청별 {school ? '제출' : '응답'} 현황</h2>
        <BarChart
          title={school ? '교육지원청별 제출률' : '교육지원청별 응답률'}
          description={school ? '막대: 제출한 학교 비율 · 글자: 제출 학교 / 대상 학교' : '막대: 응답률(응답 ÷ 발급 코드) · 글자: 응답률, 응답 수 / 코드 수'}
          testId="office-progress-chart"
          maxValue={100}
          labelWidth={130}
          valueWidth={190}
          bars={offices.map((o) => {
            const ratio = school ? (o.schools ? (o.schools - o.behindSchools) / o.schools : 0) : (o.rate ?? 0);
            return {
              key: o.office,
              label: o.officeName,
              value: ratio * 100,
              valueText: school ? `${formatPercent(ratio)} · ${o.schools - o.behindSchools}/${o.schools}교` : `${rateText(o.rate)} · ${o.responses}/${o.codesIssued}`,
            };
          })}
        />
      </section>

      <SchoolProgressTable campaignId={c.id} audience={c.audience} schools={progress.schools} office={office} onOffice={setOffice} offices={offices} />
    </>
  );
}
