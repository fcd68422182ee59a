import type { ReactNode } from 'react';
import { SectionFrame } from '../../components/SectionFrame';
import { isCityAdmin } from '../../roles';
import type { User } from '../../api/models';
import { accountPaths } from './accountLabels';

const TABS: { to: string; label: string; cityAdminOnly?: boolean }[] = [
  { to: accountPaths.list, label: '사용자 목록' },
  { to: accountPaths.create, label: '새 사용자' },
  { to: accountPaths.import, label: '명단 가져오기' },
  { to: accountPaths.links, label: '활성화 링크 인쇄' },
  { to: accountPaths.audit, label: '계정 감사 기록', cityAdminOnly: true },
];

/** What each manager looks after, under the heading. */
function scopeText(user: User): string {
  switch (user.role) {
    case 'city_admin':
      return '모든 계정을 관리합니다.';
    case 'district_admin':
      return '관할 교육지원청 학교의 학교장·교원 계정을 관리합니다.';
    default:
      return '우리 학교 교원 계정을 관리합니다.';
  }
}

interface Props {
  user: User;
  /** The page's own heading under 사용자 관리. */
  title: string;
  lead?: ReactNode;
  /** Beside the heading (e.g. XLSX 내려받기). */
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of the user management pages: the heading and the tabs between them. */
export function UsersLayout({ user, title, lead, actions, children }: Props) {
  return (
    <SectionFrame
      section="사용자 관리"
      className="users-page"
      tabs={TABS.filter((t) => !t.cityAdminOnly || isCityAdmin(user))}
      title={title}
      lead={lead ?? scopeText(user)}
      actions={actions}
    >
      {children}
    </SectionFrame>
  );
}
