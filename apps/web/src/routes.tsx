import type { ReactNode } from 'react';
import { Redirect } from './components/Redirect';
import { DashboardPage } from './pages/DashboardPage';
import { SchoolListPage } from './pages/SchoolListPage';
import { SchoolPage } from './pages/SchoolPage';
import { ACCOUNT_ROUTES } from './pages/accounts/accountsRoutes';
import { CONSENT_ROUTES } from './pages/consent/consentRoutes';
import { LITERACY_ROUTES } from './pages/literacy/literacyRoutes';
import { lazyPage } from './lazyPage';
import { isAdmin, isCityAdmin } from './roles';
import { matchPath } from './router';
import type { Role, User } from './types';

// Each feature's pages (here and in LITERACY_ROUTES and CONSENT_ROUTES) are chunks of their own, downloaded when
// first opened, so that e.g. a phone opening /respond/:code gets no admin pages; the dashboard and school pages
// come with the app, as do the login page and the frame (App.tsx).
const ApplicationPage = lazyPage(() => import('./pages/designations/ApplicationPage'), 'ApplicationPage');
const CallCreatePage = lazyPage(() => import('./pages/designations/CallCreatePage'), 'CallCreatePage');
const CallListPage = lazyPage(() => import('./pages/designations/CallListPage'), 'CallListPage');
const CallPage = lazyPage(() => import('./pages/designations/CallPage'), 'CallPage');
const DesignationListPage = lazyPage(() => import('./pages/designations/DesignationListPage'), 'DesignationListPage');
const DesignationPage = lazyPage(() => import('./pages/designations/DesignationPage'), 'DesignationPage');
const PublicDesignatedPage = lazyPage(() => import('./pages/designations/PublicDesignatedPage'), 'PublicDesignatedPage');
const ReviewPage = lazyPage(() => import('./pages/designations/ReviewPage'), 'ReviewPage');
const ReviewsPage = lazyPage(() => import('./pages/designations/ReviewsPage'), 'ReviewsPage');

const BadgeVerifyPage = lazyPage(() => import('./pages/training/BadgeVerifyPage'), 'BadgeVerifyPage');
const CoursesPage = lazyPage(() => import('./pages/training/CoursesPage'), 'CoursesPage');
const MyTrainingPage = lazyPage(() => import('./pages/training/MyTrainingPage'), 'MyTrainingPage');
const ParticipantPage = lazyPage(() => import('./pages/training/ParticipantPage'), 'ParticipantPage');
const TrainingPage = lazyPage(() => import('./pages/training/TrainingPage'), 'TrainingPage');

const CampaignCreatePage = lazyPage(() => import('./pages/surveys/CampaignCreatePage'), 'CampaignCreatePage');
const CampaignDashboardPage = lazyPage(() => import('./pages/surveys/CampaignDashboardPage'), 'CampaignDashboardPage');
const CampaignListPage = lazyPage(() => import('./pages/surveys/CampaignListPage'), 'CampaignListPage');
const CodeSheetPage = lazyPage(() => import('./pages/surveys/CodeSheetPage'), 'CodeSheetPage');
const DemandSurveyPage = lazyPage(() => import('./pages/surveys/DemandSurveyPage'), 'DemandSurveyPage');
const ReportPage = lazyPage(() => import('./pages/surveys/ReportPage'), 'ReportPage');
const RespondPage = lazyPage(() => import('./pages/surveys/RespondPage'), 'RespondPage');
const SchoolCampaignPage = lazyPage(() => import('./pages/surveys/SchoolCampaignPage'), 'SchoolCampaignPage');
const TemplateCreatePage = lazyPage(() => import('./pages/surveys/TemplateCreatePage'), 'TemplateCreatePage');
const TemplateListPage = lazyPage(() => import('./pages/surveys/TemplateListPage'), 'TemplateListPage');

const JobsPage = lazyPage(() => import('./pages/jobs/JobsPage'), 'JobsPage');

type Params = Record<string, string>;

/** Menu labels by role: a role without a label gets no menu item. */
type Labels = Partial<Record<Role, string>>;

const ADMINS: Role[] = ['city_admin', 'district_admin'];
const STAFF: Role[] = ['principal', 'teacher'];
const label = (roles: Role[], text: string): Labels => Object.fromEntries(roles.map((role) => [role, text]));

interface Menu {
  labels: Labels;
  /** Where the item links when not to the route's path (e.g. the user's own school); null for no item. */
  to?: (user: User) => string | null;
  /** Other paths (and their sub-paths) that belong to this item. */
  also?: string[];
}

interface RouteBase {
  /** A path, or a pattern with `:name` segments; an `:id` must be digits. */
  path: string;
  /** The main menu's item for this page. */
  menu?: Menu;
}

interface PrivateRoute extends RouteBase {
  page: (user: User, params: Params) => ReactNode;
  /** Who may open the page; everyone else sees 접근 권한이 없습니다 and `denied`. */
  access?: { allow: (user: User) => boolean; denied: string };
}

/** A page anyone may open without logging in; signed in, it shows inside the usual frame. */
interface PublicRoute extends RouteBase {
  publicPage: (params: Params, loggedIn: boolean) => ReactNode;
}

export type AppRoute = PrivateRoute | PublicRoute;

const SURVEY_RUNNERS = { allow: (user: User) => isAdmin(user) || user.role === 'principal', denied: '설문은 교육청·교육지원청 관리자와 학교장이 봅니다.' };
const SURVEY_ADMINS = { allow: isAdmin, denied: '교육청 설문은 교육청·교육지원청 관리자가 만듭니다.' };

const REVIEWERS_ONLY = { allow: isAdmin, denied: '심사는 심사위원으로 배정된 교육청·교육지원청 관리자만 할 수 있습니다.' };

/** Every page, in main menu order, with its menu item and who may open it. */
export const ROUTES: AppRoute[] = [
  {
    path: '/dashboard',
    menu: { labels: label(ADMINS, '대시보드') },
    access: { allow: isAdmin, denied: '대시보드는 교육청·교육지원청 관리자만 볼 수 있습니다.' },
    page: (user) => <DashboardPage user={user} />,
  },
  {
    path: '/schools/:id',
    menu: { labels: label(STAFF, '우리 학교 AI 교실'), to: (user) => (user.schoolId !== null ? `/schools/${user.schoolId}` : null) },
    page: (user, { id }) => <SchoolPage key={id} user={user} schoolId={Number(id)} />,
  },
  { path: '/schools', menu: { labels: label([...ADMINS, ...STAFF], '학교 목록') }, page: () => <SchoolListPage /> },

  // 조례 제5조 선도학교·연구학교 지정
  {
    path: '/designations/calls',
    menu: {
      labels: { city_admin: '공모 관리', district_admin: '지정 공모', ...label(STAFF, '선도·연구학교 공모') },
      also: ['/designations/applications'],
    },
    page: (user) => <CallListPage user={user} />,
  },
  {
    path: '/designations/calls/new',
    access: { allow: isCityAdmin, denied: '공모는 교육청 관리자만 만들 수 있습니다.' },
    page: () => <CallCreatePage />,
  },
  { path: '/designations/calls/:id', page: (user, { id }) => <CallPage key={id} user={user} callId={Number(id)} /> },
  { path: '/designations/applications/:id', page: (user, { id }) => <ApplicationPage key={id} user={user} applicationId={Number(id)} /> },
  { path: '/designations/reviews', menu: { labels: label(ADMINS, '심사') }, access: REVIEWERS_ONLY, page: () => <ReviewsPage /> },
  {
    path: '/designations/reviews/:id',
    access: REVIEWERS_ONLY,
    page: (user, { id }) => <ReviewPage key={id} user={user} applicationId={Number(id)} />,
  },
  { path: '/designations', menu: { labels: label(ADMINS, '지정 학교') }, page: (user) => <DesignationListPage user={user} /> },
  { path: '/designations/:id', page: (user, { id }) => <DesignationPage key={id} user={user} designationId={Number(id)} /> },
  { path: '/designated', menu: { labels: label(STAFF, '지정 현황') }, publicPage: (_, loggedIn) => <PublicDesignatedPage loggedIn={loggedIn} /> },

  // 조례 제7조 교원 연수 · 디지털 배지
  {
    path: '/badges/:badgeId/verify',
    publicPage: ({ badgeId }, loggedIn) => <BadgeVerifyPage key={badgeId} badgeId={badgeId} loggedIn={loggedIn} />,
  },
  { path: '/training/me', menu: { labels: label(STAFF, '나의 연수') }, page: (user) => <MyTrainingPage user={user} /> },
  {
    path: '/training',
    menu: { labels: { ...label(ADMINS, '연수 현황'), principal: '우리 학교 연수' } },
    page: (user) => (user.role === 'teacher' ? <Redirect to="/training/me" /> : <TrainingPage user={user} title={menuLabel('/training', user)} />),
  },
  {
    path: '/training/courses',
    menu: { labels: { city_admin: '연수 과정 관리' } },
    access: { allow: isCityAdmin, denied: '연수 과정은 교육청 관리자만 관리할 수 있습니다.' },
    page: () => <CoursesPage />,
  },
  {
    path: '/training/participants/:id',
    page: (user, { id }) => <ParticipantPage key={id} user={user} participantId={Number(id)} listLabel={menuLabel('/training', user)} />,
  },

  // 조례 제6조 실태조사·만족도·수요조사
  {
    path: '/surveys',
    menu: { labels: label([...ADMINS, 'principal'], '설문'), also: ['/surveys/campaigns', '/surveys/templates', '/surveys/demand'] },
    access: SURVEY_RUNNERS,
    page: (user) => <CampaignListPage user={user} />,
  },
  { path: '/surveys/templates', access: SURVEY_ADMINS, page: () => <TemplateListPage /> },
  { path: '/surveys/templates/new', access: SURVEY_ADMINS, page: () => <TemplateCreatePage /> },
  { path: '/surveys/campaigns/new', access: SURVEY_ADMINS, page: () => <CampaignCreatePage /> },
  {
    path: '/surveys/demand/new',
    access: { allow: (user) => user.role === 'principal' && user.schoolId !== null, denied: '수요조사는 학교장이 우리 학교를 대상으로 만듭니다.' },
    page: (user) => <DemandSurveyPage user={user} />,
  },
  {
    path: '/surveys/campaigns/:id',
    access: SURVEY_RUNNERS,
    page: (user, { id }) =>
      isAdmin(user) ? (
        <CampaignDashboardPage key={id} campaignId={Number(id)} />
      ) : (
        <SchoolCampaignPage key={id} user={user} campaignId={Number(id)} schoolId={user.schoolId ?? 0} />
      ),
  },
  { path: '/surveys/campaigns/:id/report', access: SURVEY_RUNNERS, page: (_, { id }) => <ReportPage key={id} campaignId={Number(id)} /> },
  {
    path: '/surveys/campaigns/:id/schools/:schoolId',
    access: SURVEY_RUNNERS,
    page: (user, { id, schoolId }) => <SchoolCampaignPage key={`${id}/${schoolId}`} user={user} campaignId={Number(id)} schoolId={Number(schoolId)} />,
  },
  {
    path: '/surveys/campaigns/:id/schools/:schoolId/codes/:batchId',
    access: SURVEY_RUNNERS,
    page: (_, { id, schoolId, batchId }) => <CodeSheetPage key={batchId} campaignId={Number(id)} schoolId={Number(schoolId)} batchId={batchId} />,
  },

  // AI·디지털 리터러시 진단검사
  ...LITERACY_ROUTES,

  // Respondents (students, parents, teachers) answer with a one-time code, without an account.
  { path: '/respond', publicPage: () => <RespondPage /> },
  { path: '/respond/:code', publicPage: ({ code }) => <RespondPage key={code} code={code} /> },

  // 생성형 AI 보호자 동의 (the guardian's page is public)
  ...CONSENT_ROUTES,

  // 사용자 관리 (delegated: the city, district offices, principals) and everyone's 내 정보
  ...ACCOUNT_ROUTES,

  // 작업 현황: background queues, schedules with 지금 실행, failed jobs with 다시 실행 (city administrators)
  {
    path: '/admin/jobs',
    menu: { labels: { city_admin: '작업 현황' } },
    access: { allow: isCityAdmin, denied: '작업 현황은 교육청 관리자만 볼 수 있습니다.' },
    page: () => <JobsPage />,
  },
];

/** The route a path opens, with its named segments; null for no page. */
export function findRoute(path: string): { route: AppRoute; params: Params } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params && (params.id === undefined || /^\d+$/.test(params.id))) return { route, params };
  }
  return null;
}

/** The menu label of a route for this user (for a role with no menu item, the route's first label). */
export function menuLabel(path: string, user: User): string {
  const labels = ROUTES.find((r) => r.path === path)?.menu?.labels ?? {};
  return labels[user.role] ?? Object.values(labels)[0] ?? '';
}

export interface NavItem {
  to: string;
  label: string;
  /** Other paths (and their sub-paths) that belong to this item. */
  also?: string[];
}

/** The main menu of a user: the routes with a label for their role. */
export function navItems(user: User): NavItem[] {
  return ROUTES.flatMap(({ path, menu }) => {
    const text = menu?.labels[user.role];
    const to = menu?.to ? menu.to(user) : path;
    return menu && text && to !== null ? [{ to, label: text, ...(menu.also ? { also: menu.also } : {}) }] : [];
  });
}
