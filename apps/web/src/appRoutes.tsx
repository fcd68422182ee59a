import { redirect, type RouteObject } from 'react-router';
import { Redirect } from './components/Redirect';
import { page } from './lazyPage';
import { ACCOUNT_ROUTES } from './pages/accounts/accountsRoutes';
import { CONSENT_ROUTES } from './pages/consent/consentRoutes';
import { consentPaths } from './pages/consent/consentLabels';
import { LITERACY_ROUTES } from './pages/literacy/literacyRoutes';
import { NotFoundPage } from './pages/NotFoundPage';
import { ORDINANCE_ROUTES } from './pages/ordinance/ordinanceRoutes';
import { PRIVACY_ROUTES } from './pages/privacy/privacyRoutes';
import { isAdmin, isCityAdmin } from './roles';
import { ADMINS, label, PUBLIC_PAGES, STAFF, type Access, type AppRoute } from './routes';
import { loadSession } from './session';
import { ActivateRoute, homePath, LoginRoute, SsoLandingRoute } from './SignIn';
import type { User } from './api/models';

// The signed-in part of the app, discovered by the router (routes.tsx) on the first path that is not a public
// page's; each page (here and in LITERACY_ROUTES, CONSENT_ROUTES and ACCOUNT_ROUTES) is a chunk of its own.

const SURVEY_RUNNERS: Access = { allow: (user) => isAdmin(user) || user.role === 'principal', denied: '설문은 교육청·교육지원청 관리자와 학교장이 봅니다.' };
const SURVEY_ADMINS: Access = { allow: isAdmin, denied: '교육청 설문은 교육청·교육지원청 관리자가 만듭니다.' };

const REVIEWERS_ONLY: Access = { allow: isAdmin, denied: '심사는 심사위원으로 배정된 교육청·교육지원청 관리자만 할 수 있습니다.' };

/** Every page shown in the frame, in main menu order, with its title, menu item and who may open it. */
export const PAGES: AppRoute[] = [
  {
    path: '/dashboard',
    handle: {
      title: '대시보드',
      menu: { labels: label(ADMINS, '대시보드') },
      access: { allow: isAdmin, denied: '대시보드는 교육청·교육지원청 관리자만 볼 수 있습니다.' },
    },
    lazy: page(() => import('./pages/DashboardPage'), ({ DashboardPage }, user) => <DashboardPage user={user} />),
  },
  {
    path: '/schools/:id',
    handle: {
      title: '학교 AI 교실',
      menu: { labels: label(STAFF, '우리 학교 AI 교실'), to: (user) => (user.schoolId !== null ? `/schools/${user.schoolId}` : null) },
    },
    lazy: page(() => import('./pages/SchoolPage'), ({ SchoolPage }, user, { id }) => <SchoolPage key={id} user={user} schoolId={Number(id)} />),
  },
  {
    path: '/schools',
    // A principal or a teacher has one school: their menu item (우리 학교 AI 교실) and this address open it.
    handle: { title: '학교 목록', menu: { labels: label(ADMINS, '학교 목록') } },
    lazy: page(() => import('./pages/SchoolListPage'), ({ SchoolListPage }, user) =>
      !isAdmin(user) && user.schoolId !== null ? <Redirect to={`/schools/${user.schoolId}`} /> : <SchoolListPage />,
    ),
  },

  // 조례 제5조 선도학교·연구학교 지정
  {
    path: '/designations/calls',
    handle: {
      title: '선도·연구학교 공모',
      menu: {
        labels: { city_admin: '공모 관리', district_admin: '지정 공모', ...label(STAFF, '선도·연구학교 공모') },
        also: ['/designations/applications'],
      },
    },
    lazy: page(() => import('./pages/designations/CallListPage'), ({ CallListPage }, user) => <CallListPage user={user} />),
  },
  {
    path: '/designations/calls/new',
    handle: { title: '새 공모 만들기', access: { allow: isCityAdmin, denied: '공모는 교육청 관리자만 만들 수 있습니다.' } },
    lazy: page(() => import('./pages/designations/CallCreatePage'), ({ CallCreatePage }) => <CallCreatePage />),
  },
  {
    path: '/designations/calls/:id',
    handle: { title: '공모' },
    lazy: page(() => import('./pages/designations/CallPage'), ({ CallPage }, user, { id }) => <CallPage key={id} user={user} callId={Number(id)} />),
  },
  {
    path: '/designations/applications/:id',
    handle: { title: '지정 신청서' },
    lazy: page(() => import('./pages/designations/ApplicationPage'), ({ ApplicationPage }, user, { id }) => (
      <ApplicationPage key={id} user={user} applicationId={Number(id)} />
    )),
  },
  {
    path: '/designations/reviews',
    handle: { title: '심사', menu: { labels: label(ADMINS, '심사') }, access: REVIEWERS_ONLY },
    lazy: page(() => import('./pages/designations/ReviewsPage'), ({ ReviewsPage }) => <ReviewsPage />),
  },
  {
    path: '/designations/reviews/:id',
    handle: { title: '신청서 심사', access: REVIEWERS_ONLY },
    lazy: page(() => import('./pages/designations/ReviewPage'), ({ ReviewPage }, user, { id }) => <ReviewPage key={id} user={user} applicationId={Number(id)} />),
  },
  {
    path: '/designations',
    handle: { title: '지정 학교', menu: { labels: label(ADMINS, '지정 학교') } },
    lazy: page(() => import('./pages/designations/DesignationListPage'), ({ DesignationListPage }, user) => <DesignationListPage user={user} />),
  },
  {
    path: '/designations/:id',
    handle: { title: '지정 학교' },
    lazy: page(() => import('./pages/designations/DesignationPage'), ({ DesignationPage }, user, { id }) => (
      <DesignationPage key={id} user={user} designationId={Number(id)} />
    )),
  },
  PUBLIC_PAGES.designated,

  // 조례 제7조 교원 연수 · 디지털 배지
  {
    path: '/training/me',
    handle: { title: '나의 연수', menu: { labels: label(STAFF, '나의 연수') } },
    lazy: page(() => import('./pages/training/MyTrainingPage'), ({ MyTrainingPage }, user) => <MyTrainingPage user={user} />),
  },
  {
    path: '/training',
    handle: { title: '연수 현황', menu: { labels: { ...label(ADMINS, '연수 현황'), principal: '우리 학교 연수' } } },
    lazy: page(() => import('./pages/training/TrainingPage'), ({ TrainingPage }, user) =>
      user.role === 'teacher' ? <Redirect to="/training/me" /> : <TrainingPage user={user} title={menuLabel('/training', user)} />,
    ),
  },
  {
    path: '/training/courses',
    handle: {
      title: '연수 과정 관리',
      menu: { labels: { city_admin: '연수 과정 관리' } },
      access: { allow: isCityAdmin, denied: '연수 과정은 교육청 관리자만 관리할 수 있습니다.' },
    },
    lazy: page(() => import('./pages/training/CoursesPage'), ({ CoursesPage }) => <CoursesPage />),
  },
  {
    path: '/training/participants/:id',
    handle: { title: '연수 기록' },
    lazy: page(() => import('./pages/training/ParticipantPage'), ({ ParticipantPage }, user, { id }) => (
      <ParticipantPage key={id} user={user} participantId={Number(id)} listLabel={menuLabel('/training', user)} />
    )),
  },

  // 조례 제6조 실태조사·만족도·수요조사
  {
    path: '/surveys',
    handle: {
      title: '설문',
      menu: { labels: label([...ADMINS, 'principal'], '설문'), also: ['/surveys/campaigns', '/surveys/templates', '/surveys/demand'] },
      access: SURVEY_RUNNERS,
    },
    lazy: page(() => import('./pages/surveys/CampaignListPage'), ({ CampaignListPage }, user) => <CampaignListPage user={user} />),
  },
  {
    path: '/surveys/templates',
    handle: { title: '설문 템플릿', access: SURVEY_ADMINS },
    lazy: page(() => import('./pages/surveys/TemplateListPage'), ({ TemplateListPage }) => <TemplateListPage />),
  },
  {
    path: '/surveys/templates/new',
    handle: { title: '새 설문 템플릿', access: SURVEY_ADMINS },
    lazy: page(() => import('./pages/surveys/TemplateCreatePage'), ({ TemplateCreatePage }) => <TemplateCreatePage />),
  },
  {
    path: '/surveys/campaigns/new',
    handle: { title: '새 설문 시작', access: SURVEY_ADMINS },
    lazy: page(() => import('./pages/surveys/CampaignCreatePage'), ({ CampaignCreatePage }) => <CampaignCreatePage />),
  },
  {
    path: '/surveys/demand/new',
    handle: {
      title: '수요조사 만들기',
      access: { allow: (user) => user.role === 'principal' && user.schoolId !== null, denied: '수요조사는 학교장이 우리 학교를 대상으로 만듭니다.' },
    },
    lazy: page(() => import('./pages/surveys/DemandSurveyPage'), ({ DemandSurveyPage }, user) => <DemandSurveyPage user={user} />),
  },
  {
    path: '/surveys/campaigns/:id',
    handle: { title: '설문 현황', access: SURVEY_RUNNERS },
    // Administrators see the campaign's dashboard, a principal their school's part (both chunks are fetched).
    lazy: page(
      () => Promise.all([import('./pages/surveys/CampaignDashboardPage'), import('./pages/surveys/SchoolCampaignPage')]),
      ([{ CampaignDashboardPage }, { SchoolCampaignPage }], user, { id }) =>
        isAdmin(user) ? (
          <CampaignDashboardPage key={id} campaignId={Number(id)} />
        ) : (
          <SchoolCampaignPage key={id} user={user} campaignId={Number(id)} schoolId={user.schoolId ?? 0} />
        ),
    ),
  },
  {
    path: '/surveys/campaigns/:id/report',
    handle: { title: '결과 보고서', access: SURVEY_RUNNERS },
    lazy: page(() => import('./pages/surveys/ReportPage'), ({ ReportPage }, _, { id }) => <ReportPage key={id} campaignId={Number(id)} />),
  },
  {
    path: '/surveys/campaigns/:id/schools/:schoolId',
    handle: { title: '학교 설문 현황', access: SURVEY_RUNNERS },
    lazy: page(() => import('./pages/surveys/SchoolCampaignPage'), ({ SchoolCampaignPage }, user, { id, schoolId }) => (
      <SchoolCampaignPage key={`${id}/${schoolId}`} user={user} campaignId={Number(id)} schoolId={Number(schoolId)} />
    )),
  },
  {
    path: '/surveys/campaigns/:id/schools/:schoolId/codes/:batchId',
    handle: { title: '응답 코드표', access: SURVEY_RUNNERS },
    lazy: page(() => import('./pages/surveys/CodeSheetPage'), ({ CodeSheetPage }, _, { id, schoolId, batchId }) => (
      <CodeSheetPage key={batchId} campaignId={Number(id)} schoolId={Number(schoolId)} batchId={batchId} />
    )),
  },

  // AI·디지털 리터러시 진단검사
  ...LITERACY_ROUTES,

  // 조례 제4조 기본계획·시행계획, 제8조 우수사례·학습공동체, 제10조 표창
  ...ORDINANCE_ROUTES,

  // 생성형 AI 보호자 동의 (the guardian's page is public: PUBLIC_PAGES.guardian)
  ...CONSENT_ROUTES,
  {
    path: consentPaths.overview,
    handle: {
      title: '동의 현황',
      menu: { labels: label(ADMINS, '동의 현황') },
      access: { allow: isAdmin, denied: '동의 현황은 교육청·교육지원청 관리자가 봅니다. 학교에서는 학급 명단과 동의 현황을 보세요.' },
    },
    lazy: page(() => import('./pages/consent/ConsentOverviewPage'), ({ ConsentOverviewPage }, user) => <ConsentOverviewPage user={user} />),
  },

  // 사용자 관리 (delegated: the city, district offices, principals) and everyone's 내 정보
  ...ACCOUNT_ROUTES,

  // 개인정보 관리 (the privacy officer, a city administrator): retention, destruction, access log, monthly review
  ...PRIVACY_ROUTES,

  // 작업 현황: background queues, schedules with 지금 실행, failed jobs with 다시 실행 (city administrators)
  {
    path: '/admin/jobs',
    handle: {
      title: '작업 현황',
      menu: { labels: { city_admin: '작업 현황' } },
      access: { allow: isCityAdmin, denied: '작업 현황은 교육청 관리자만 볼 수 있습니다.' },
    },
    lazy: page(() => import('./pages/jobs/JobsPage'), ({ JobsPage }) => <JobsPage />),
  },
];

/** Only signed-in people pass: anyone else goes to the login, which brings them back here. */
function requireSession({ request }: { request: Request }): Response | null {
  if (loadSession()) return null;
  const { pathname, search } = new URL(request.url);
  return redirect(`/login?next=${encodeURIComponent(pathname + search)}`);
}

/** Where the session decides: the home page (or the login), and the login form (or, signed in, the home page). */
function home(): Response {
  const session = loadSession();
  return redirect(session ? homePath(session.user) : '/login');
}
function loginUnlessSignedIn(): Response | null {
  const session = loadSession();
  return session ? redirect(homePath(session.user)) : null;
}

/** What routes.tsx patches in: the signed-in pages (in the frame, after the public ones) and the sign-in pages. */
export const SIGNED_IN_ROUTES: Record<'pages' | 'root', RouteObject[]> = {
  pages: [
    {
      id: 'private',
      loader: requireSession,
      children: [...PAGES.filter((route) => !route.handle.public), { path: '*', handle: { title: '페이지를 찾을 수 없습니다' }, Component: NotFoundPage }],
    },
  ],
  // An activation or reset link and the SSO landing start a new session, whether or not there is one.
  root: [
    { index: true, loader: home },
    { path: '/login', handle: { title: '로그인' }, loader: loginUnlessSignedIn, Component: LoginRoute },
    { path: '/activate', handle: { title: '계정 활성화' }, Component: ActivateRoute },
    { path: '/login/sso', handle: { title: '교육청 통합 로그인' }, Component: SsoLandingRoute },
  ],
};

/** The menu label of a route for this user (for a role with no menu item, the route's first label). */
export function menuLabel(path: string, user: User): string {
  const labels = PAGES.find((r) => r.path === path)?.handle.menu?.labels ?? {};
  return labels[user.role] ?? Object.values(labels)[0] ?? '';
}

export interface NavItem {
  to: string;
  label: string;
  /** Other paths (and their sub-paths) that belong to this item. */
  also?: string[];
}

/** The main menu of a user: the pages with a label for their role. */
export function navItems(user: User): NavItem[] {
  return PAGES.flatMap(({ path, handle: { menu } }) => {
    const text = menu?.labels[user.role];
    const to = menu?.to ? menu.to(user) : path;
    return menu && text && to !== null ? [{ to, label: text, ...(menu.also ? { also: menu.also } : {}) }] : [];
  });
}
