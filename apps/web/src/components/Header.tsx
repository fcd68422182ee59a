import { ROLE_LABEL } from '../labels';
import { Link, useLocation } from '../router';
import type { User } from '../types';

interface NavItem {
  to: string;
  label: string;
  /** Other paths (and their sub-paths) that belong to this item. */
  also?: string[];
}

export function navItems(user: User): NavItem[] {
  if (user.role === 'city_admin' || user.role === 'district_admin') {
    return [
      { to: '/dashboard', label: '대시보드' },
      { to: '/schools', label: '학교 목록' },
      { to: '/designations/calls', label: user.role === 'city_admin' ? '공모 관리' : '지정 공모', also: ['/designations/applications'] },
      { to: '/designations/reviews', label: '심사' },
      { to: '/designations', label: '지정 학교' },
      { to: '/training', label: '연수 현황' },
    ];
  }
  const items: NavItem[] = [];
  if (user.schoolId !== null) items.push({ to: `/schools/${user.schoolId}`, label: '우리 학교 AI 교실' });
  items.push({ to: '/schools', label: '학교 목록' });
  items.push({ to: '/designations/calls', label: '선도·연구학교 공모', also: ['/designations/applications'] });
  items.push({ to: '/designated', label: '지정 현황' });
  // 조례 제7조 교원 연수: everyone's own record; principals also their school's people.
  items.push({ to: '/training/me', label: '나의 연수' });
  if (user.role === 'principal') items.push({ to: '/training', label: '우리 학교 연수' });
  return items;
}

export function Header({ user, onLogout }: { user: User; onLogout: () => void }) {
  const { path } = useLocation();
  const items = navItems(user);
  // The most specific matching item is the current page.
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  const current = items
    .map((item) => ({ item, length: Math.max(-1, ...[item.to, ...(item.also ?? [])].filter(under).map((p) => p.length)) }))
    .filter((m) => m.length >= 0)
    .sort((a, b) => b.length - a.length)[0]?.item;
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
