import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, literacyUrls } from '../../api';
import type { Job, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ListStates } from '../../components/ResultsPanel';
import { formatBytes, formatDateTime } from '../../labels';
import { isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { useJob } from '../../useJob';
import { JobProgress } from './JobProgress';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';

interface Props {
  user: User;
  assessment: { id: number; name: string; analysedAt: string | null };
}

/**
 * 보고서 파일 (XLSX): the workbooks built in bulk, each school's for those who may read it and the
 * city's for administrators; the city administrator builds them all in one job with progress.
 */
export function ReportFilesPanel({ user, assessment }: Props) {
  const files = useQuery(literacyQueries.reportFiles(assessment.id));
  const queryClient = useQueryClient();
  const build = useJob(api.jobById<Job>, () => void queryClient.invalidateQueries({ queryKey: literacyQueries.reportFiles(assessment.id).queryKey }));

  return (
    <section className="panel" aria-labelledby="files-heading" data-testid="report-files">
      <div className="panel-head">
        <div>
          <h2 id="files-heading">보고서 파일 (XLSX)</h2>
          <p className="muted small">학교별 보고서(학교 요약, 학급별, 학생별 결과, 문항 분석)와 서울시 보고서입니다. 5명 미만 집단의 수치는 비공개입니다.</p>
        </div>
        {isCityAdmin(user) && (
          <button
            type="button"
            className="button button-primary"
            data-testid="build-reports"
            disabled={build.busy || !assessment.analysedAt}
            title={assessment.analysedAt ? undefined : '분석을 마친 뒤 만들 수 있습니다.'}
            onClick={() => void build.start(() => api.buildReports(assessment.id))}
          >
            {build.busy ? '만드는 중…' : '전체 학교 보고서 만들기'}
          </button>
        )}
      </div>
      <JobProgress run={build.run} label="보고서 작성" testId="build-job" doneText="모든 학교의 보고서 파일을 만들었습니다." />
      <ErrorMessage error={files.error} title="보고서 파일 목록을 불러오지 못했습니다." />
      <ListStates items={files.data?.items} loading={files.isPending} empty="아직 만든 보고서 파일이 없습니다.">
        {(items) => (
          <DataTable testId="report-file-table" caption="보고서 파일 목록" columns={['보고서', '만든 때', num('크기'), '']}>
            {items.map((f) => (
              <tr key={f.schoolId} data-testid={`report-file-${f.schoolId}`}>
                <th scope="row">{f.schoolId === 0 ? f.name : <Link to={literacyPath.school(assessment.id, f.schoolId)}>{f.name}</Link>}</th>
                <td className="small">{formatDateTime(f.builtAt)}</td>
                <td className="num">{formatBytes(f.bytes)}</td>
                <td>
                  <DownloadButton url={literacyUrls.reportFile(assessment.id, f.schoolId)} label="내려받기" filename={`리터러시_${assessment.name}_${f.name}.xlsx`} className="button button-small" testId={`download-report-${f.schoolId}`} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListStates>
    </section>
  );
}
