import { useQuery } from '@tanstack/react-query';
import type { GroupFigures, LiteracySchoolReport, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatCard } from '../../components/StatCard';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';
import { AreaComparison } from './AreaComparison';
import { AssessmentHead } from './AssessmentHead';
import { areasWithFigures, GroupTable, isShown } from './GroupTable';
import { LiteracyFallback } from './LiteracyFallback';
import { formatCount, formatPoints, SUPPRESSED_TEXT } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';
import { ScoreDistribution } from './ScoreDistribution';
import { TrendSection } from './TrendChart';
import { TrendWorkbook } from './TrendWorkbook';

/** A group's mean as a stat card: 평균 and 학생 수, or 비공개 (5명 미만). */
export function GroupCard({ label, group, testId }: { label: string; group: GroupFigures | null; testId: string }) {
  if (!group) return <StatCard label={label} value="-" testId={testId} />;
  return isShown(group) ? (
    <StatCard label={label} value={formatPoints(group.mean)} note={`${group.name} · ${formatCount(group.n)}명`} testId={testId} />
  ) : (
    <StatCard label={label} value={SUPPRESSED_TEXT} note={group.name} testId={testId} />
  );
}

/**
 * 학교 보고서 (the school's staff, its office and the city): the school against its office and the
 * city, overall, by competency area and by level, and its classes (each opening the class report).
 */
export function SchoolReportPage({ user, assessmentId, schoolId }: { user: User; assessmentId: number; schoolId: number }) {
  const { data, error } = useQuery(literacyQueries.schoolReport(assessmentId, schoolId));
  const back = isAdmin(user) ? { to: literacyPath.assessment(assessmentId), label: '진단검사로 돌아가기' } : { to: literacyPath.list, label: '진단검사 목록으로' };
  if (!data) return <LiteracyFallback error={error} heading="학교 보고서" errorTitle="학교 보고서를 불러오지 못했습니다." back={back} />;
  return <SchoolReport report={data} schoolId={schoolId} />;
}

function SchoolReport({ report, schoolId }: { report: LiteracySchoolReport; schoolId: number }) {
  const { assessment, school, office, city } = report;
  const scored = areasWithFigures(report.areas, [school, office, city, ...report.classes]);
  const areas = Object.entries(scored).map(([code, name]) => ({ code, name }));
  const levels = assessment.cutScores.map((c) => c.level);
  const compared = [school, office, city].filter((g): g is GroupFigures => g !== null);
  const series = [
    { key: 'school', label: '우리 학교', group: school },
    { key: 'office', label: '교육지원청', group: office },
    { key: 'city', label: '서울시', group: city },
  ].map(({ key, label, group }) => ({ key, label, values: isShown(group) ? group.areas : {}, suppressed: !isShown(group) }));

  return (
    <div className="page">
      <AssessmentHead assessment={assessment} steps={[school.name]} title={`${school.name} 결과 보고서`} />
      <div className="stat-grid" data-testid="school-summary">
        <GroupCard label="우리 학교 평균" group={school} testId="school-mean" />
        <GroupCard label="교육지원청 평균" group={office} testId="office-mean" />
        <GroupCard label="서울시 평균" group={city} testId="city-mean" />
      </div>
      <section aria-labelledby="distribution-heading" data-testid="school-distribution">
        <h2 id="distribution-heading">점수 분포와 성취수준</h2>
        {report.distribution && isShown(school) ? (
          <ScoreDistribution
            bins={report.distribution.bins}
            maxScore={report.distribution.maxScore}
            levels={levels.map((level) => ({ level, count: school.levels[level] ?? 0 }))}
            of="우리 학교"
            testIdPrefix="school-chart-"
          />
        ) : (
          <p className="panel muted">학생이 5명 미만이어서 우리 학교의 점수 분포와 성취수준별 비율은 비공개입니다.</p>
        )}
      </section>
      <SchoolTrend assessment={assessment} schoolId={schoolId} />
      <section className="panel" aria-labelledby="areas-heading">
        <h2 id="areas-heading">역량 영역별 평균 (100점 환산)</h2>
        <AreaComparison areas={areas} series={series} testId="school-areas" />
      </section>
      <section className="panel" aria-labelledby="compare-heading">
        <h2 id="compare-heading">학교·교육지원청·서울시 비교</h2>
        <GroupTable groups={compared} heading="구분" areas={scored} levels={levels} caption="학교, 교육지원청, 서울시의 학생 수, 평균, 성취수준, 영역별 평균" testId="compare-table" />
      </section>
      <section className="panel" aria-labelledby="classes-heading">
        <h2 id="classes-heading">학급별 결과</h2>
        <p className="muted small">학급 이름을 누르면 학급 보고서와 학생 명단이 열립니다. 5명 미만 학급의 수치는 비공개이며, 학생별 결과는 학급 보고서에서 볼 수 있습니다.</p>
        <GroupTable
          groups={report.classes}
          heading="학급"
          areas={scored}
          levels={levels}
          caption="학급별 학생 수, 평균, 성취수준, 영역별 평균"
          testId="class-table"
          label={(g) => (/^\d+$/.test(g.key) ? <Link to={literacyPath.class(assessment.id, schoolId, Number(g.key))}>{g.name}</Link> : g.name)}
        />
      </section>
    </div>
  );
}

/** The school's trend on its grade's common scale (GET /literacy/trend?schoolId=), with the school's workbook. */
function SchoolTrend({ assessment, schoolId }: { assessment: LiteracySchoolReport['assessment']; schoolId: number }) {
  const { data, error } = useQuery(literacyQueries.trend(assessment.grade, { schoolId }));
  if (error) return <ErrorMessage error={error} title="우리 학교의 연도별 추이를 불러오지 못했습니다." />;
  if (!data) return null;
  return <TrendSection trend={data} of="우리 학교" testId="school-trend" actions={<TrendWorkbook assessment={assessment} schoolId={schoolId} />} />;
}
