import { useQuery } from '@tanstack/react-query';
import type { User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ListStates } from '../../components/ResultsPanel';
import { formatDateTime } from '../../labels';
import { isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { formatCount, gradeLabel, PHASE_LABEL } from './literacyLabels';
import { assessmentLanding, literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';

/**
 * 진단검사 (everyone): the AI·디지털 리터러시 assessments. A name opens the overview for
 * administrators and the school's report for principals and teachers.
 */
export function AssessmentListPage({ user }: { user: User }) {
  const { data, error, isPending: loading } = useQuery(literacyQueries.assessments());
  const staff = user.role === 'principal' || user.role === 'teacher';

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>AI·디지털 리터러시 진단검사</h1>
          <p className="muted">
            {staff
              ? '검사 이름을 누르면 우리 학교의 결과 보고서가 열립니다. 학급과 학생별 결과는 보고서에서 볼 수 있습니다.'
              : '예비검사로 문항의 타당도·신뢰도를 확인하고 본검사 결과로 학생·학급·학교·서울시 보고서를 만듭니다.'}
          </p>
        </div>
        {isCityAdmin(user) && (
          <Link to={literacyPath.create} className="button button-primary" data-testid="new-assessment">
            새 진단검사
          </Link>
        )}
      </div>

      <ErrorMessage error={error} title="진단검사 목록을 불러오지 못했습니다." />
      <section className="panel" aria-labelledby="assessments-heading" aria-busy={loading}>
        <h2 id="assessments-heading">진단검사 목록</h2>
        <ListStates items={data?.items} loading={loading} empty="아직 등록된 진단검사가 없습니다.">
          {(items) => (
            <DataTable
              testId="assessment-table"
              caption="AI·디지털 리터러시 진단검사 목록"
              columns={['검사명', '학년도', '구분', '대상 학년', num('문항'), num('결과'), '분석']}
            >
              {items.map((a) => (
                <tr key={a.id} data-testid={`assessment-row-${a.id}`}>
                  <th scope="row">
                    <Link to={assessmentLanding(user, a.id)}>{a.name}</Link>
                    {user.role === 'principal' && (
                      <>
                        <br />
                        <Link to={literacyPath.assessment(a.id)} className="small">
                          결과 가져오기·보고서 파일
                        </Link>
                      </>
                    )}
                  </th>
                  <td>{a.schoolYear}학년도</td>
                  <td>{PHASE_LABEL[a.phase]}</td>
                  <td>{gradeLabel(a.grade)}</td>
                  <td className="num">{formatCount(a.items)}</td>
                  <td className="num">{formatCount(a.results)}명</td>
                  <td className="small">{a.analysedAt ? formatDateTime(a.analysedAt) : <span className="muted">분석 전</span>}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListStates>
      </section>
    </div>
  );
}
