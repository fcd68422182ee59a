import { useQuery } from '@tanstack/react-query';
import type { GroupMean, LiteracyStudentReport } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { Fact } from '../../components/Fact';
import { Link } from 'react-router';
import { AreaComparison } from './AreaComparison';
import { LiteracyFallback } from './LiteracyFallback';
import { formatCount, formatPoints, formatStat, gradeLabel, JUDGEMENT_LABEL, SUPPRESSED_TEXT } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';
import { useAreas } from './useAreas';

/** A comparison group's mean, or 비공개 (5명 미만). */
const groupMean = (g: GroupMean | null): string => (!g ? '-' : g.suppressed ? SUPPRESSED_TEXT : `${formatPoints(g.mean)} (${formatCount(g.n ?? 0)}명)`);

/**
 * 개인 결과표 (the school's teachers; administrators of its office): one A4 page to print for the
 * student and their family: score, level, competency areas against the school and the city, and
 * the areas that are strengths and those that need work.
 */
export function StudentReportPage({ assessmentId, studentId }: { assessmentId: number; studentId: number }) {
  const { data, error } = useQuery(literacyQueries.studentReport(assessmentId, studentId));
  if (!data) return <LiteracyFallback error={error} heading="개인 결과표" errorTitle="개인 결과표를 불러오지 못했습니다." back={{ to: literacyPath.list, label: '진단검사 목록으로' }} />;
  return <StudentReport report={data} />;
}

function StudentReport({ report: unsorted }: { report: LiteracyStudentReport }) {
  const areas = useAreas();
  const report = { ...unsorted, areas: areas.sorted(unsorted.areas, (a) => a.area) };
  const { assessment, student } = report;
  const strengths = report.areas.filter((a) => a.judgement === 'strength');
  const weaknesses = report.areas.filter((a) => a.judgement === 'weakness');
  const series = [
    { key: 'student', label: '학생', values: Object.fromEntries(report.areas.map((a) => [a.area, a.percent])) },
    { key: 'school', label: '우리 학교 평균', values: Object.fromEntries(report.areas.map((a) => [a.area, a.schoolMean])), suppressed: report.school?.suppressed ?? true },
    { key: 'city', label: '서울시 평균', values: Object.fromEntries(report.areas.map((a) => [a.area, a.cityMean])), suppressed: report.city?.suppressed ?? true },
  ];

  return (
    <div className="page">
      <div className="page-head page-head-actions no-print">
        <p className="breadcrumb">
          <Link to={literacyPath.school(assessment.id, student.schoolId)}>{student.schoolName}</Link>
          {student.classNo !== null && (
            <>
              {' '}
              <span aria-hidden="true">›</span> <Link to={literacyPath.class(assessment.id, student.schoolId, student.classNo)}>{student.classNo}반</Link>
            </>
          )}{' '}
          <span aria-hidden="true">›</span> {student.code}
        </p>
        <button type="button" className="button button-primary" onClick={() => window.print()} data-testid="print-report">
          인쇄하기
        </button>
      </div>
      <article className="a4-report" data-testid="student-report" aria-labelledby="report-title">
        <header className="a4-head">
          <p className="muted small">
            {assessment.schoolYear}학년도 · {assessment.name}
          </p>
          <h1 id="report-title">AI·디지털 리터러시 진단검사 개인 결과표</h1>
          <dl className="facts a4-facts">
            <Fact label="학교">{student.schoolName}</Fact>
            <Fact label="학년·반">
              {gradeLabel(student.grade)}
              {student.classNo !== null && ` ${student.classNo}반`}
            </Fact>
            <Fact label="학생 ID" testId="student-code">
              {student.code}
            </Fact>
          </dl>
        </header>

        <section className="a4-scores" aria-label="점수와 성취수준">
          <div className="a4-score">
            <p className="a4-score-label">점수 (100점 환산)</p>
            <p className="a4-score-value" data-testid="student-score">
              {formatPoints(report.percent)}
            </p>
            <p className="muted small">원점수 {formatStat(report.total, 0)}점</p>
          </div>
          <div className="a4-score">
            <p className="a4-score-label">성취수준</p>
            <p className="a4-score-value" data-testid="student-level">
              {report.level ?? '수준 미달'}
            </p>
            <p className="muted small">{assessment.cutScores.map((c) => `${c.level} ${c.min}점 이상`).join(' · ')}</p>
          </div>
          <div className="a4-score">
            <p className="a4-score-label">비교</p>
            <p className="small" data-testid="school-mean">
              우리 학교 평균 {groupMean(report.school)}
            </p>
            <p className="small" data-testid="city-mean">
              서울시 평균 {groupMean(report.city)}
            </p>
          </div>
        </section>

        <section aria-labelledby="areas-heading">
          <h2 id="areas-heading">역량 영역별 결과 (100점 환산)</h2>
          <AreaComparison areas={report.areas.map((a) => ({ code: a.area, name: a.name }))} series={series} testId="student-areas" />
        </section>

        <section className="a4-judgement" aria-label="강점과 보완할 점">
          <AreaList title="강점" testId="strengths" areas={strengths} empty="서울시 평균보다 10점 이상 높은 영역은 없습니다." />
          <AreaList title="보완 필요" testId="weaknesses" areas={weaknesses} empty="서울시 평균보다 10점 이상 낮은 영역은 없습니다." />
        </section>
        <DataTable className="table a4-area-table" caption="영역별 점수와 판단" columns={['영역', num('학생'), num('우리 학교'), num('서울시'), '판단']}>
          {report.areas.map((a) => (
            <tr key={a.area}>
              <th scope="row">{a.name}</th>
              <td className="num">{formatPoints(a.percent)}</td>
              <td className="num">{report.school?.suppressed ? SUPPRESSED_TEXT : formatPoints(a.schoolMean)}</td>
              <td className="num">{report.city?.suppressed ? SUPPRESSED_TEXT : formatPoints(a.cityMean)}</td>
              <td>{a.judgement ? JUDGEMENT_LABEL[a.judgement] : '-'}</td>
            </tr>
          ))}
        </DataTable>
        <footer className="a4-foot muted small">
          강점·보완 필요는 서울시 평균과 10점 이상 차이 나는 영역입니다. 5명 미만 집단의 평균은 공개하지 않습니다. 서울특별시교육청
        </footer>
      </article>
    </div>
  );
}

function AreaList({ title, testId, areas, empty }: { title: string; testId: string; areas: LiteracyStudentReport['areas']; empty: string }) {
  return (
    <div data-testid={testId}>
      <h2>{title}</h2>
      {areas.length ? (
        <ul>
          {areas.map((a) => (
            <li key={a.area}>
              <strong>{a.name}</strong> {formatPoints(a.percent)} (서울시 평균 {formatPoints(a.cityMean)})
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </div>
  );
}
