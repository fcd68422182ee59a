import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { SurveyCampaign, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatCard } from '../../components/StatCard';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';
import { CampaignActions, rateText } from './CampaignDashboardPage';
import { CampaignFallback, CampaignHead } from './CampaignHead';
import { CodesSection } from './CodesSection';
import { SchoolResponseSection } from './SchoolResponseSection';
import { surveyQueries } from './surveyQueries';

interface Props {
  user: User;
  campaignId: number;
  schoolId: number;
}

/**
 * One school's side of a campaign: the school-level form, or the respondent codes and the school's
 * response rate. A principal's page for every campaign; administrators open it from the dashboard.
 */
export function SchoolCampaignPage({ user, campaignId, schoolId }: Props) {
  const campaign = useQuery(surveyQueries.campaign(campaignId));
  const school = useQuery({ queryKey: ['school', schoolId], queryFn: () => api.school(schoolId) });
  const admin = isAdmin(user);
  if (!campaign.data) return <CampaignFallback error={campaign.error} />;
  const c = campaign.data;
  const runsIt = c.ownerSchoolId !== null && c.ownerSchoolId === user.schoolId;
  const schoolName = school.data?.name ?? '학교';
  return (
    <div className="page">
      <CampaignHead
        campaign={c}
        steps={admin ? [<Link to="/surveys">설문</Link>, <Link to={`/surveys/campaigns/${c.id}`}>{c.title}</Link>, schoolName] : [<Link to="/surveys">우리 학교 설문</Link>, c.title]}
      >
        {schoolName}
      </CampaignHead>
      {c.audience === 'school' ? (
        <SchoolResponseSection campaignId={c.id} schoolId={schoolId} user={user} />
      ) : (
        <>
          <SchoolRate campaign={c} schoolId={schoolId} />
          <CodesSection campaign={c} schoolId={schoolId} />
        </>
      )}
      {runsIt && <CampaignActions campaign={c} />}
    </div>
  );
}

/** The school's own codes, responses and rate, read again while the page is open. */
function SchoolRate({ campaign, schoolId }: { campaign: SurveyCampaign; schoolId: number }) {
  const progress = useQuery(surveyQueries.progress(campaign.id));
  const row = progress.data?.schools.find((s) => s.schoolId === schoolId);
  return (
    <>
      <ErrorMessage error={progress.error} title="응답 현황을 불러오지 못했습니다." />
      {row && (
        <section className="stat-grid stat-grid-3" aria-label="우리 학교 응답 현황">
          <StatCard label="발급한 코드" value={row.codesIssued.toLocaleString('ko-KR')} unit="개" testId="school-codes" />
          <StatCard label="응답" value={row.responses.toLocaleString('ko-KR')} unit="건" testId="school-responses" />
          <StatCard
            label="응답률"
            value={rateText(row.rate)}
            tone={row.behind && campaign.status === 'open' ? 'warning' : 'default'}
            note={row.behind && campaign.status === 'open' ? '목표 응답률에 못 미칩니다. 코드 배부와 참여를 독려해 주세요.' : undefined}
            testId="school-rate"
          />
        </section>
      )}
    </>
  );
}
