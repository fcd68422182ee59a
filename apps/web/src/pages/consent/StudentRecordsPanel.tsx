import { useQuery } from '@tanstack/react-query';
import type { AiService, ConsentRecord } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../labels';
import { classText, DECISION_LABEL, GUARDIAN_RELATION_LABEL, METHOD_LABEL } from './consentLabels';
import { consentQueries } from './consentQueries';
import { ConsentRecordForm } from './ConsentRecordForm';

interface Props {
  studentId: number;
  service: AiService;
  services: AiService[];
  onClose: () => void;
}

const DECISION_CLASS: Record<ConsentRecord['decision'], string> = { granted: 'badge badge-ok', refused: 'badge badge-danger', withdrawn: 'badge badge-warning' };

/**
 * One student's consent records for every service, newest first (records are only ever added, so
 * this is the whole history), and the forms to record a decision or a withdrawal for the service.
 */
export function StudentRecordsPanel({ studentId, service, services, onClose }: Props) {
  const history = useQuery(consentQueries.history(studentId));
  const serviceName = (id: number) => services.find((s) => s.id === id)?.name ?? `서비스 ${id}`;
  const student = history.data?.student;

  return (
    <section className="panel consent-student" aria-labelledby="student-records-heading" data-testid="student-records">
      <div className="panel-head">
        <h2 id="student-records-heading">
          {student ? `${student.studentCode} 동의 기록` : '동의 기록'}
          {student && (
            <span className="muted small">
              {' '}
              {classText(student.grade, student.classNo, student.level)} · 생년월 {student.birthMonth ?? '미기록'}
            </span>
          )}
        </h2>
        <button type="button" className="button button-small button-ghost" onClick={onClose}>
          닫기
        </button>
      </div>
      {history.isError && <ErrorMessage error={history.error} title="동의 기록을 불러오지 못했습니다." />}
      {history.isPending && <Loading />}
      {history.data && history.data.items.length === 0 && <p className="empty">아직 동의 기록이 없습니다.</p>}
      {history.data && history.data.items.length > 0 && (
        <DataTable testId="consent-history" caption="동의 기록 (최근 순)" columns={['확인 일시', 'AI 서비스', '결정', '안내문', '보호자', '확인 방법', '기록한 사람']}>
          {history.data.items.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.decidedAt)}</td>
              <td>{serviceName(r.serviceId)}</td>
              <td>
                <span className={DECISION_CLASS[r.decision]}>{DECISION_LABEL[r.decision]}</span>
              </td>
              <td>{r.noticeVersion}판</td>
              <td>
                {GUARDIAN_RELATION_LABEL[r.guardianRelation]}
                {r.guardianName && <span className="muted small"> ({r.guardianName})</span>}
              </td>
              <td>
                {METHOD_LABEL[r.method]}
                {r.methodNote && <span className="muted small"> · {r.methodNote}</span>}
              </td>
              <td>{r.recordedBy ?? '보호자 직접'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {student && (
        <div className="consent-record-forms">
          <ConsentRecordForm kind="decision" studentId={studentId} studentCode={student.studentCode} serviceId={service.id} serviceName={service.name} />
          <ConsentRecordForm kind="withdrawal" studentId={studentId} studentCode={student.studentCode} serviceId={service.id} serviceName={service.name} />
        </div>
      )}
    </section>
  );
}
