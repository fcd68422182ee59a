import type { CampaignStatus } from '../../api/models';
import { CAMPAIGN_STATUS_LABEL } from './surveyLabels';

const TONE: Record<CampaignStatus, string> = { scheduled: 'badge-info', open: 'badge-ok', closed: '' };

/** 예정 / 진행 중 / 마감 */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span className={`badge ${TONE[status] ?? ''}`} data-testid="campaign-status" data-status={status}>
      {CAMPAIGN_STATUS_LABEL[status] ?? status}
    </span>
  );
}
