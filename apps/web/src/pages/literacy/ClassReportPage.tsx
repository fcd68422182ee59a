import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { LiteracyClassReport } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { DataTable, num } from '../../components/DataTable';
import { StatCard } from '../../components/StatCard';
import { Link } from 'react-router';
import { AssessmentHead } from './AssessmentHead';
import { isShown, Withheld } from './GroupTable';
import { LevelChart } from './LevelChart';
import { LiteracyFallback } from './LiteracyFallback';
import { formatCount, formatPoints, formatRatio, formatStat } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';
import { useAreas } from './useAreas';

/**
 * 학급 보고서 (the school's teachers): the class's distribution by level and its item results
 * against the city (from 5 students), and its students, each opening the student's report.
 */
export function ClassReportPage({ assessmentId, schoolId, classNo }: { assessmentId: number; schoolId: number; classNo: number }) {
  const { data, error } = useQuery(literacyQueries.classReport(assessmentId, schoolId, classNo));
  const school = useQuery({ queryKey: ['school', schoolId], queryFn: () => api.school(schoolId) });
  if (!data) {
    return <LiteracyFallback error={error} heading="학급 보고서" errorTitle="학급 보고서를 불러오지 못했습니다." back={{ to: literacyPath.school(assessmentId, schoolId), label: '학교 보고서로' }} />;
  }
  return <ClassReport report={data} schoolName={school.data?.name ?? '학교 보고서'} />;
}

function ClassReport({ report, schoolName }: { report: LiteracyClassReport; schoolName: string }) {
  const { assessment, group, items, students } = report;
  const areas = useAreas();
  const className = `${report.classNo}반`;

  return (
    <div className="page">
      <AssessmentHead assessment={assessment} steps={[<Link to={literacyPath.school(assessment.id, report.schoolId)}>{schoolName}</Link>, className]} title={`${schoolName} ${className} 결과`} />
      {isShown(group) ? (
        <>
          <div className="stat-grid" data-testid="class-summary">
            <StatCard label="학생 수" value={formatCount(group.n)} unit="명" testId="class-n" />
            <StatCard label="평균 (100점 환산)" value={formatPoints(group.mean)} testId="class-mean" />
            <StatCard label="표준편차" value={formatStat(group.sd, 1)} />
          </div>
          <div className="chart-grid chart-grid-even">
            <section className="panel">
              <LevelChart counts={assessment.cutScores.map((c) => ({ level: c.level, count: group.levels[c.level] ?? 0 }))} testId="chart-class-levels" />
            </section>
            <section className="panel">
              <BarChart
                title="영역별 평균 (100점 환산)"
                bars={areas.sorted(Object.entries(group.areas), ([code]) => code).map(([code, mean]) => ({ key: code, label: areas.name(code), value: mean, valueText: formatPoints(mean) }))}
                maxValue={100}
                labelWidth={120}
                valueWidth={80}
                testId="chart-class-areas"
              />
            </section>
          </div>
        </>
      ) : (
        <p className="panel" data-testid="class-withheld">
          이 학급의 분포와 문항 결과는 <Withheld group={group} /> 입니다. 학생별 결과는 아래 명단에서 볼 수 있습니다.
        </p>
      )}
      {items && (
        <section className="panel" aria-labelledby="class-items-heading">
          <h2 id="class-items-heading">문항별 정답률 (우리 반 · 서울시)</h2>
          <DataTable testId="class-items" caption="문항별 정답률, 우리 반과 서울시" columns={['문항', '영역', num('우리 반'), num('서울시'), num('차이')]}>
            {items.map((i) => (
              <tr key={i.id} className={i.dropped ? 'is-dropped' : undefined}>
                <th scope="row">
                  {i.id}
                  {i.dropped && <span className="muted small"> (채점 제외)</span>}
                </th>
                <td>{areas.name(i.area)}</td>
                <td className="num">{formatRatio(i.facility)}</td>
                <td className="num">{formatRatio(i.cityFacility)}</td>
                <td className="num">{i.facility === null || i.cityFacility === null ? '-' : `${((i.facility - i.cityFacility) * 100).toFixed(1)}%p`}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      <section className="panel" aria-labelledby="students-heading">
        <h2 id="students-heading">학생별 결과</h2>
        <p className="muted small">학생 ID를 누르면 인쇄용 개인 결과표가 열립니다.</p>
        <DataTable testId="student-table" caption={`${className} 학생별 결과`} columns={['학생 ID', num('원점수'), num('100점 환산'), '성취수준']}>
          {students.map((s) => (
            <tr key={s.id} data-testid={`student-row-${s.code}`}>
              <th scope="row">
                <Link to={literacyPath.student(assessment.id, s.id)}>{s.code}</Link>
              </th>
              <td className="num">{formatStat(s.total, 0)}점</td>
              <td className="num">{formatPoints(s.percent)}</td>
              <td>{s.level ?? <span className="muted">수준 미달</span>}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
