import { lazyPage } from '../../lazyPage';
import type { AppRoute } from '../../routes';
import type { Role, User } from '../../types';
import { NotFoundPage } from '../NotFoundPage';
import { accountPaths, isAccountId } from './accountLabels';
// Imported here, with the app, rather than by the pages: it stays before styles.css, which wins where both set a rule
// (e.g. @page), like the other features' styles.
import './accounts.css';

const AccountAuditPage = lazyPage(() => import('./AccountAuditPage'), 'AccountAuditPage');
const ActivationLinksPage = lazyPage(() => import('./ActivationLinksPage'), 'ActivationLinksPage');
const MePage = lazyPage(() => import('./MePage'), 'MePage');
const UserCreatePage = lazyPage(() => import('./UserCreatePage'), 'UserCreatePage');
const UserImportPage = lazyPage(() => import('./UserImportPage'), 'UserImportPage');
const UserListPage = lazyPage(() => import('./UserListPage'), 'UserListPage');
const UserPage = lazyPage(() => import('./UserPage'), 'UserPage');

const MANAGERS: Role[] = ['city_admin', 'district_admin', 'principal'];
const MANAGES = { allow: (user: User) => MANAGERS.includes(user.role), denied: '사용자 관리는 교육청·교육지원청 관리자와 학교장이 합니다.' };

/** 사용자 관리 and 내 정보: the routes, spread into ROUTES in menu order (a user's `:userId` is a UUID, not digits). */
export const ACCOUNT_ROUTES: AppRoute[] = [
  {
    path: accountPaths.list,
    menu: { labels: Object.fromEntries(MANAGERS.map((role) => [role, '사용자 관리'])) },
    access: MANAGES,
    page: (user) => <UserListPage user={user} />,
  },
  { path: accountPaths.create, access: MANAGES, page: (user) => <UserCreatePage user={user} /> },
  { path: accountPaths.import, access: MANAGES, page: (user) => <UserImportPage user={user} /> },
  { path: accountPaths.links, access: MANAGES, page: (user) => <ActivationLinksPage user={user} /> },
  {
    path: accountPaths.audit,
    access: { allow: (user) => user.role === 'city_admin', denied: '계정 감사 기록은 교육청 관리자가 봅니다.' },
    page: (user) => <AccountAuditPage user={user} />,
  },
  {
    path: '/users/:userId',
    access: MANAGES,
    page: (user, { userId }) => (isAccountId(userId) ? <UserPage key={userId} user={user} userId={userId} /> : <NotFoundPage />),
  },
  { path: accountPaths.me, page: (user) => <MePage key={user.id} user={user} /> },
];
