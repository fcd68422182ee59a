import { APPLICATION_STATUS_LABEL, DESIGNATION_STATUS_LABEL, PHASE_LABEL } from '../labels';
import type { ApplicationStatus, CallPhase, DesignationStatus } from '../api/models';

const PHASE_TONE: Record<CallPhase, string> = { upcoming: 'badge-info', open: 'badge-ok', closed: '' };

const APPLICATION_TONE: Record<ApplicationStatus, string> = {
  draft: 'badge-warning',
  submitted: 'badge-info',
  withdrawn: '',
  designated: 'badge-ok',
  rejected: 'badge-danger',
};

const DESIGNATION_TONE: Record<DesignationStatus, string> = { active: 'badge-ok', ended: '', revoked: 'badge-danger' };

/** 접수 예정 / 접수 중 / 마감 */
export function PhaseBadge({ phase }: { phase: CallPhase }) {
  return (
    <span className={`badge ${PHASE_TONE[phase] ?? ''}`} data-testid="call-phase" data-phase={phase}>
      {PHASE_LABEL[phase] ?? phase}
    </span>
  );
}

/** 작성 중 / 제출 완료 / 철회 / 지정 / 미지정 */
export function ApplicationStatusBadge({ status, testId = 'application-status' }: { status: ApplicationStatus; testId?: string }) {
  return (
    <span className={`badge ${APPLICATION_TONE[status] ?? ''}`} data-testid={testId} data-status={status}>
      {APPLICATION_STATUS_LABEL[status] ?? status}
    </span>
  );
}

/** 지정 중 / 기간 종료 / 지정 취소 */
export function DesignationStatusBadge({ status }: { status: DesignationStatus }) {
  return (
    <span className={`badge ${DESIGNATION_TONE[status] ?? ''}`} data-status={status}>
      {DESIGNATION_STATUS_LABEL[status] ?? status}
    </span>
  );
}
