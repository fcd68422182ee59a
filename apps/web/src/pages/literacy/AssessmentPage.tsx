import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LiteracyAssessment, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { Fact } from '../../components/Fact';
import { formatDateTime } from '../../labels';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';
import { AssessmentHead } from './AssessmentHead';
import { LinkPanel } from './LinkPanel';
import { LiteracyFallback } from './LiteracyFallback';
import { formatCount, gradeLabel, ITEM_TYPE_LABEL, PHASE_LABEL } from './literacyLabels';
import { literacyPath, mayImportResults } from './literacyPaths';
import { literacyKeys, literacyQueries } from './literacyQueries';
import { ReportFilesPanel } from './ReportFilesPanel';
import { ResultImportPanel } from './ResultImportPanel';
import { useAreas } from './useAreas';

/** One assessment: its facts and items, the way to its analysis and reports, the result import and the report files. */
export function AssessmentPage({ user, assessmentId }: { user: User; assessmentId: number }) {
  const { data: a, error } = useQuery(literacyQueries.assessment(assessmentId));
  const queryClient = useQueryClient();
  // After an import, and again after the analysis that follows it: the counts, the analysis and the reports.
  const changed = () => void queryClient.invalidateQueries({ queryKey: literacyKeys.assessments });
  if (!a) return <LiteracyFallback error={error} heading="진단검사" errorTitle="진단검사를 불러오지 못했습니다." back={{ to: literacyPath.list, label: '진단검사 목록으로' }} />;

  return (
    <div className="page">
      <AssessmentHead assessment={a} title={a.name} />
      <nav className="literacy-links no-print" aria-label="이 검사의 분석과 보고서">
        {isAdmin(user) && (
          <>
            <Link to={literacyPath.analysis(a.id)} className="button button-secondary" data-testid="open-analysis">
              문항 분석
            </Link>
            <Link to={literacyPath.cityReport(a.id)} className="button button-secondary" data-testid="open-city-report">
              {user.role === 'district_admin' ? '교육지원청 보고서' : '서울시 보고서'}
            </Link>
            <Link to={`${literacyPath.bank}?grade=${a.grade}`} className="button button-secondary" data-testid="open-bank">
              문항 은행
            </Link>
          </>
        )}
        {!isAdmin(user) && user.schoolId !== null && (
          <Link to={literacyPath.school(a.id, user.schoolId)} className="button button-secondary" data-testid="open-school-report">
            우리 학교 보고서
          </Link>
        )}
      </nav>
      <section className="panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">검사 정보</h2>
        <dl className="facts">
          <Fact label="학년도">{a.schoolYear}학년도</Fact>
          <Fact label="구분">{PHASE_LABEL[a.phase]}</Fact>
          <Fact label="대상 학년">{gradeLabel(a.grade)}</Fact>
          <Fact label="문항" testId="fact-items">
            {formatCount(a.items.length)}개 (채점 제외 {a.items.filter((i) => i.dropped).length}개)
          </Fact>
          <Fact label="결과" testId="fact-results">
            {formatCount(a.results)}명
          </Fact>
          <Fact label="분석" testId="fact-analysed">
            {a.analysedAt ? formatDateTime(a.analysedAt) : '분석 전'}
          </Fact>
          <Fact label="성취수준 기준">{a.cutScores.map((c) => `${c.level} ${c.min}점 이상`).join(' · ')}</Fact>
        </dl>
      </section>
      <ItemsSection assessment={a} showKeys={isAdmin(user)} />
      {isAdmin(user) && <LinkPanel user={user} assessment={a} />}
      {mayImportResults(user) && <ResultImportPanel user={user} assessment={a} onChanged={changed} />}
      <ReportFilesPanel user={user} assessment={a} />
    </div>
  );
}

function ItemsSection({ assessment: a, showKeys }: { assessment: LiteracyAssessment; showKeys: boolean }) {
  const areas = useAreas();
  return (
    <section className="panel" aria-labelledby="items-heading">
      <h2 id="items-heading">문항</h2>
      <DataTable testId="item-list" caption="문항 목록" columns={['문항', '영역', '유형', num('만점'), showKeys && '정답', showKeys && '선택지', '채점']}>
        {a.items.map((item) => (
          <tr key={item.id}>
            <th scope="row">{item.id}</th>
            <td>{areas.name(item.area)}</td>
            <td>{ITEM_TYPE_LABEL[item.type]}</td>
            <td className="num">{item.maxScore}</td>
            {showKeys && <td>{item.key?.join(', ') ?? <span className="muted">점수 입력</span>}</td>}
            {showKeys && <td>{item.options?.join(', ') ?? '-'}</td>}
            <td>{item.dropped ? <span className="badge badge-warning">채점 제외{item.droppedReason && ` (${item.droppedReason})`}</span> : '채점'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
