import { ROLE_LABEL } from '../labels';
import { Link, useLocation } from '../router';
import type { User } from '../types';

interface NavItem {
  to: string;
  label: string;
}

export function navItems(user: User): NavItem[] {
  if (user.role === 'city_admin' || user.role === 'district_admin') {
    return [
      { to: '/dashboard', label: '대시보드' },
      { to: '/schools', label: '학교 목록' },
    ];
  }
  const items: NavItem[] = [];
  if (user.schoolId !== null) items.push({ to: `/schools/${user.schoolId}`, label: '우리 학교 AI 교실' });
  items.push({ to: '/schools', label: '학교 목록' });
  return items;
}

export function Header({ user, onLogout }: { user: User; onLogout: () => void }) {
  const { path } = useLocation();
  const items = navItems(user);
  // The most specific matching item is the current page.
  const current = items
    .filter((item) => path === item.to || path.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            AI
          </span>
          <span>
            <span className="brand-org">서울특별시교육청</span>
            <span className="brand-name">AI 교육 플랫폼</span>
          </span>
        </Link>
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
        <div className="user-box" data-testid="current-user">
          <span className="user-name">{user.displayName}</span>
          <span className="role-badge">{ROLE_LABEL[user.role]}</span>
          <button type="button" className="button button-ghost" onClick={onLogout}>
            로그아웃
          </button>
        </div>
      </div>
    </header>
  );
}
