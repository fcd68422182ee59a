import { page } from '../../lazyPage';
import type { Access, AppRoute } from '../../routes';
import type { Role } from '../../api/models';
import { NotFoundPage } from '../NotFoundPage';
import { accountPaths, isAccountId } from './accountLabels';
// accounts.css comes with the app (main.tsx), before styles.css, like the other features' styles.

const MANAGERS: Role[] = ['city_admin', 'district_admin', 'principal'];
const MANAGES: Access = { allow: (user) => MANAGERS.includes(user.role), denied: '사용자 관리는 교육청·교육지원청 관리자와 학교장이 합니다.' };

/** 사용자 관리 and 내 정보: the routes, spread into PAGES in menu order (a user's `:userId` is a UUID, not digits). */
export const ACCOUNT_ROUTES: AppRoute[] = [
  {
    path: accountPaths.list,
    handle: { title: '사용자 관리', menu: { labels: Object.fromEntries(MANAGERS.map((role) => [role, '사용자 관리'])) }, access: MANAGES },
    lazy: page(() => import('./UserListPage'), ({ UserListPage }, user) => <UserListPage user={user} />),
  },
  {
    path: accountPaths.create,
    handle: { title: '새 사용자', access: MANAGES },
    lazy: page(() => import('./UserCreatePage'), ({ UserCreatePage }, user) => <UserCreatePage user={user} />),
  },
  {
    path: accountPaths.import,
    handle: { title: '명단 가져오기', access: MANAGES },
    lazy: page(() => import('./UserImportPage'), ({ UserImportPage }, user) => <UserImportPage user={user} />),
  },
  {
    path: accountPaths.links,
    handle: { title: '활성화 링크 인쇄', access: MANAGES },
    lazy: page(() => import('./ActivationLinksPage'), ({ ActivationLinksPage }, user) => <ActivationLinksPage user={user} />),
  },
  {
    path: accountPaths.audit,
    handle: { title: '계정 감사 기록', access: { allow: (user) => user.role === 'city_admin', denied: '계정 감사 기록은 교육청 관리자가 봅니다.' } },
    lazy: page(() => import('./AccountAuditPage'), ({ AccountAuditPage }, user) => <AccountAuditPage user={user} />),
  },
  {
    path: '/users/:userId',
    handle: { title: '사용자', access: MANAGES },
    lazy: page(() => import('./UserPage'), ({ UserPage }, user, { userId }) => (isAccountId(userId) ? <UserPage key={userId} user={user} userId={userId} /> : <NotFoundPage />)),
  },
  {
    path: accountPaths.me,
    handle: { title: '내 정보' },
    lazy: page(() => import('./MePage'), ({ MePage }, user) => <MePage key={user.id} user={user} />),
  },
];
