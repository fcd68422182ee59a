import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { User } from '../../api/models';
import { isAdmin, isCityAdmin } from '../../roles';
import { consentPaths } from './consentLabels';

const TABS: { to: string; label: string; cityAdminOnly?: boolean; adminOnly?: boolean }[] = [
  { to: consentPaths.overview, label: '동의 현황', adminOnly: true },
  { to: consentPaths.classes, label: '학급 명단과 동의 현황' },
  { to: consentPaths.letters, label: '가정통신문' },
  { to: consentPaths.import, label: '동의 회신 일괄 등록' },
  { to: consentPaths.services, label: 'AI 서비스 관리', cityAdminOnly: true },
  { to: consentPaths.privacyRequests, label: '개인정보 요청' },
];

interface Props {
  user: User;
  /** The page's own heading under 생성형 AI 동의. */
  title: string;
  /** A line under the heading. */
  lead?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of the consent pages: the heading and the tabs between them. A tab keeps the chosen
 * school, class and service (the query string).
 */
export function ConsentLayout({ user, title, lead, children }: Props) {
  const { pathname: path } = useLocation();
  const search = useSearchParams()[0].toString();
  return (
    <div className="page consent-page">
      <div className="page-head no-print">
        <p className="breadcrumb">생성형 AI 동의</p>
        <h1>{title}</h1>
        {lead && <p className="muted">{lead}</p>}
        <nav className="consent-tabs" aria-label="생성형 AI 동의 메뉴">
          {TABS.filter((t) => (!t.cityAdminOnly || isCityAdmin(user)) && (!t.adminOnly || isAdmin(user))).map((t) => (
            <Link
              key={t.to}
              to={t.to === consentPaths.services || t.to === consentPaths.overview || path === consentPaths.overview || !search ? t.to : `${t.to}?${search}`}
              className={path === t.to ? 'button button-small is-current' : 'button button-small'}
              aria-current={path === t.to ? 'page' : undefined}
            >
              {t.label}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </div>
  );
}
