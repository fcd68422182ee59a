import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from '../../components/Breadcrumb';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ListStates } from '../../components/ResultsPanel';
import { formatDateTime } from '../../labels';
import { Link } from 'react-router';
import { KIND_LABEL } from './surveyLabels';
import { surveyQueries } from './surveyQueries';

/** 설문 템플릿 (administrators): the office's templates and their schools' demand templates, each with its versions. */
export function TemplateListPage() {
  const { data, error, isPending: loading } = useQuery(surveyQueries.templates());
  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <Breadcrumb steps={[<Link to="/surveys">설문</Link>, '설문 템플릿']} />
          <h1>설문 템플릿</h1>
          <p className="muted">설문은 템플릿의 한 판(버전)으로 시작합니다. 템플릿을 고치면 새 판이 생기고, 이미 시작한 설문은 처음 판 그대로입니다.</p>
        </div>
        <Link to="/surveys/templates/new" className="button button-primary" data-testid="new-template">
          새 템플릿 만들기
        </Link>
      </div>
      <ErrorMessage error={error} title="템플릿을 불러오지 못했습니다." />
      <section className="panel" aria-labelledby="templates-heading" aria-busy={loading}>
        <h2 id="templates-heading">템플릿 목록</h2>
        <ListStates items={data} loading={loading} empty="아직 만든 템플릿이 없습니다.">
          {(templates) => (
            <DataTable testId="template-table" caption="설문 템플릿 목록" columns={['제목', '종류', num('문항 수'), num('최신 판'), '최근 수정', '']}>
              {templates.map((t) => {
                const latest = t.versions[t.versions.length - 1];
                return (
                  <tr key={t.id}>
                    <th scope="row">{t.title}</th>
                    <td>
                      {KIND_LABEL[t.kind] ?? t.kind}
                      {t.ownerSchoolId !== null && <span className="muted small"> (학교)</span>}
                    </td>
                    <td className="num">{t.definition.sections.reduce((n, s) => n + s.questions.length, 0)}</td>
                    <td className="num">{t.latestVersion}판</td>
                    <td className="small">{latest ? formatDateTime(latest.createdAt) : '-'}</td>
                    <td>
                      {t.ownerSchoolId === null && (
                        <Link to={`/surveys/campaigns/new?templateId=${t.id}`} className="button button-small button-secondary">
                          이 템플릿으로 설문 시작
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </ListStates>
      </section>
    </div>
  );
}
