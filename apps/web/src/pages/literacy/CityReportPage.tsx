import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CityReportBy, LiteracyCityReport, User } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Segmented } from '../../components/Segmented';
import { StatCard } from '../../components/StatCard';
import { AssessmentHead } from './AssessmentHead';
import { areasWithFigures, GroupTable, isShown, meanBars } from './GroupTable';
import { ItemStatsTable } from './ItemStatsTable';
import { LiteracyFallback } from './LiteracyFallback';
import { CITY_BY_LABEL, formatCount, formatPoints, formatStat, SUPPRESSED_TEXT } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';
import { ScoreDistribution } from './ScoreDistribution';
import { TrendSection } from './TrendChart';
import { TrendWorkbook } from './TrendWorkbook';

const GROUP_HEADING: Record<CityReportBy, string> = { office: '교육지원청', district: '자치구', level: '학교급' };

/**
 * 서울시 보고서 (administrators): the city's figures by 교육지원청, 자치구 or 학교급, with the item
 * statistics. A district administrator sees their own office's groups beside the city.
 */
export function CityReportPage({ user, assessmentId }: { user: User; assessmentId: number }) {
  const [by, setBy] = useState<CityReportBy>('office');
  const { data, error, isFetching: loading } = useQuery(literacyQueries.cityReport(assessmentId, by));
  const title = user.role === 'district_admin' ? '교육지원청 보고서' : '서울시 보고서';

  if (!data) return <LiteracyFallback error={error} heading={title} errorTitle="보고서를 불러오지 못했습니다." back={{ to: literacyPath.list, label: '진단검사 목록으로' }} />;

  return (
    <div className="page">
      <AssessmentHead assessment={data.assessment} steps={[title]} title={title}>
        {user.role === 'district_admin' && <p className="muted small">관할 교육지원청의 집단과 서울시 전체를 비교합니다.</p>}
      </AssessmentHead>
      <CitySummary report={data} />
      <TrendSection trend={data.trend} of="서울시 전체" testId="city-trend" actions={<TrendWorkbook assessment={data.assessment} schoolId={0} />} />
      {user.role === 'district_admin' && user.districtOffice && <OfficeTrend grade={data.assessment.grade} office={user.districtOffice} />}
      {data.analysis.test && data.analysis.levels && (
        <section aria-labelledby="city-distribution-heading" data-testid="city-distribution">
          <h2 id="city-distribution-heading">점수 분포와 성취수준 (서울시 전체)</h2>
          <ScoreDistribution
            bins={data.analysis.test.histogram}
            maxScore={data.analysis.test.maxScore}
            levels={data.analysis.levels}
            of="서울시 전체"
            testIdPrefix="city-chart-"
          />
        </section>
      )}
      <section className="panel" aria-labelledby="groups-heading" aria-busy={loading}>
        <div className="panel-head">
          <h2 id="groups-heading">{CITY_BY_LABEL[by]} 결과</h2>
          <Segmented label="집계 단위" options={CITY_BY_LABEL} value={by} onChange={setBy} />
        </div>
        <ErrorMessage error={error} title="보고서를 불러오지 못했습니다." />
        {loading && <Loading />}
        {data.groups.length === 0 ? (
          <p className="empty">결과가 있는 집단이 없습니다.</p>
        ) : (
          <>
            <BarChart title={`${CITY_BY_LABEL[by]} 평균 (100점 환산)`} bars={meanBars(data.groups)} maxValue={100} labelWidth={150} valueWidth={170} testId="chart-groups" />
            <GroupTable
              groups={data.city ? [data.city, ...data.groups] : data.groups}
              heading={GROUP_HEADING[by]}
              areas={areasWithFigures(data.areas, [data.city, ...data.groups])}
              levels={data.assessment.cutScores.map((c) => c.level)}
              caption={`${CITY_BY_LABEL[by]} 학생 수, 평균, 성취수준, 영역별 평균`}
              testId="group-table"
            />
          </>
        )}
      </section>
      {data.analysis.items && (
        <section className="panel" aria-labelledby="city-items-heading">
          <h2 id="city-items-heading">문항 통계 (서울시 전체)</h2>
          <ItemStatsTable assessmentId={data.assessment.id} items={data.analysis.items} areaName={(c) => data.areas[c] ?? c} selected={null} />
        </section>
      )}
    </div>
  );
}

/** A district administrator's own office's trend beside the city's. */
function OfficeTrend({ grade, office }: { grade: number; office: string }) {
  const { data, error } = useQuery(literacyQueries.trend(grade, { office }));
  if (error) return <ErrorMessage error={error} title="교육지원청의 연도별 추이를 불러오지 못했습니다." />;
  return data ? <TrendSection trend={data} of="관할 교육지원청" testId="office-trend" /> : null;
}

function CitySummary({ report }: { report: LiteracyCityReport }) {
  const city = report.city;
  const test = report.analysis.test;
  return (
    <div className="stat-grid" data-testid="city-summary">
      <StatCard label="응시 학생 (서울시)" value={isShown(city) ? formatCount(city.n) : SUPPRESSED_TEXT} unit={isShown(city) ? '명' : undefined} testId="city-n" />
      <StatCard label="평균 (100점 환산)" value={isShown(city) ? formatPoints(city.mean) : '-'} note={isShown(city) ? `표준편차 ${formatStat(city.sd, 1)}` : undefined} testId="city-mean" />
      <StatCard label="신뢰도 (Cronbach α)" value={formatStat(test?.alpha, 3)} testId="city-alpha" />
    </div>
  );
}
