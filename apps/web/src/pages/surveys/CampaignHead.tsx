import type { ReactNode } from 'react';
import type { SurveyCampaign } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { PageFallback } from '../../components/PageFallback';
import { Link } from 'react-router';
import { CampaignFacts } from './CampaignFacts';

interface Props {
  campaign: SurveyCampaign;
  /** The breadcrumb, from the list down to this page. */
  steps: ReactNode[];
  /** The line under the title. */
  children: ReactNode;
}

/** A campaign page's top: breadcrumb, title, a link to the report, and the campaign's facts. */
export function CampaignHead({ campaign: c, steps, children }: Props) {
  return (
    <>
      <div className="page-head page-head-actions">
        <div>
          <Breadcrumb steps={steps} />
          <h1 data-testid="campaign-title">{c.title}</h1>
          <p className="muted">{children}</p>
        </div>
        <Link to={`/surveys/campaigns/${c.id}/report`} className="button button-secondary" data-testid="report-link">
          결과 보고서
        </Link>
      </div>
      <CampaignFacts campaign={c} />
    </>
  );
}

/** A campaign page until the campaign is loaded: 불러오는 중, or why it could not be. */
export function CampaignFallback({ error, heading = '설문' }: { error: unknown; heading?: string }) {
  return <PageFallback error={error} heading={heading} errorTitle="설문을 불러오지 못했습니다." back={{ to: '/surveys', label: '설문 목록으로' }} />;
}
