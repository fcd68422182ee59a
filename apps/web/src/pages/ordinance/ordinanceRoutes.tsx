import { page } from '../../lazyPage';
import { NotFoundPage } from '../NotFoundPage';
import { ADMINS, EVERYONE, label, type Access, type AppRoute } from '../../routes';
import { ordinancePaths } from './ordinanceLabels';

const NOMINATORS: Access = { allow: (user) => user.role !== 'teacher', denied: '표창 추천은 학교장과 교육청·교육지원청 관리자가 합니다.' };

/**
 * 조례 이행: 제4조 기본계획·시행계획 (with the indicators and the annual report), 제8조 우수사례·교원 학습공동체,
 * 제10조 표창. The public gallery of published cases (/cases/public) is not here: it is a document of its own
 * (publicEntry.tsx, public-paths.ts). Spread into PAGES in menu order.
 */
export const ORDINANCE_ROUTES: AppRoute[] = [
  {
    path: ordinancePaths.plans,
    handle: { title: '기본계획·시행계획', menu: { labels: label(EVERYONE, '기본계획') } },
    lazy: page(() => import('./PlanListPage'), ({ PlanListPage }, user) => <PlanListPage user={user} />),
  },
  {
    path: '/plans/:id',
    handle: { title: '기본계획' },
    lazy: page(() => import('./PlanPage'), ({ PlanPage }, user, { id }) => <PlanPage key={id} user={user} planId={Number(id)} />),
  },
  {
    path: '/plans/:id/years/:year',
    handle: { title: '시행계획' },
    // The year is a four-digit school year (the app checks the :id).
    lazy: page(() => import('./YearlyPlanPage'), ({ YearlyPlanPage }, user, { id, year }) =>
      /^\d{4}$/.test(year) ? <YearlyPlanPage key={`${id}/${year}`} user={user} planId={Number(id)} year={Number(year)} /> : <NotFoundPage />,
    ),
  },
  {
    path: ordinancePaths.cases,
    handle: { title: '우수사례', menu: { labels: label(EVERYONE, '우수사례') } },
    lazy: page(() => import('./CasesPage'), ({ CasesPage }, user) => <CasesPage user={user} />),
  },
  {
    path: ordinancePaths.communities,
    handle: { title: '교원 학습공동체', menu: { labels: label(EVERYONE, '학습공동체') } },
    lazy: page(() => import('./CommunitiesPage'), ({ CommunitiesPage }, user) => <CommunitiesPage user={user} />),
  },
  {
    path: '/communities/:id',
    handle: { title: '교원 학습공동체' },
    lazy: page(() => import('./CommunitiesPage'), ({ CommunityPage }, user, { id }) => <CommunityPage key={id} user={user} communityId={Number(id)} />),
  },
  {
    path: ordinancePaths.commendations,
    handle: { title: '표창', menu: { labels: label([...ADMINS, 'principal'], '표창') }, access: NOMINATORS },
    lazy: page(() => import('./CommendationsPage'), ({ CommendationsPage }, user) => <CommendationsPage user={user} />),
  },
];
