import { Link, useLocation } from 'react-router';
import type { User } from '../api/models';
import { navItems } from '../appRoutes';
import { ROLE_LABEL } from '../labels';
import { NoticeBell } from './NoticeBell';
import { SiteHeader } from './SiteHeader';

interface HeaderProps {
  user: User;
  onLogout: () => void;
  /** Only the name and 로그아웃 (while a new password must be chosen): no menu, no notices, no 내 정보. */
  restricted?: boolean;
}

export function Header({ user, onLogout, restricted = false }: HeaderProps) {
  const { pathname: path } = useLocation();
  const items = restricted ? [] : navItems(user);
  // The most specific matching item is the current page.
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  const current = items
    .map((item) => ({ item, length: Math.max(-1, ...[item.to, ...(item.also ?? [])].filter(under).map((p) => p.length)) }))
    .filter((m) => m.length >= 0)
    .sort((a, b) => b.length - a.length)[0]?.item;
  return (
    <SiteHeader home="/">
      {!restricted && (
        <nav aria-label="주 메뉴" className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item === current ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="user-box" data-testid="current-user">
        {user.role === 'principal' && !restricted && <NoticeBell />}
        {restricted ? (
          <span className="user-name">{user.displayName || user.email}</span>
        ) : (
          <Link to="/me" className="user-name user-link" aria-current={path === '/me' ? 'page' : undefined} title="내 정보" data-testid="my-account-link">
            {user.displayName || user.email}
            <span className="sr-only"> (내 정보)</span>
          </Link>
        )}
        <span className="role-badge">{ROLE_LABEL[user.role]}</span>
        <button type="button" className="button button-ghost" onClick={onLogout}>
          로그아웃
        </button>
      </div>
    </SiteHeader>
  );
}
