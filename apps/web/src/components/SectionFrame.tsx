import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

interface Props {
  /** The section's name: the breadcrumb above the heading, and the tabs' name for screen readers. */
  section: string;
  /** The page's class (its section's styles). */
  className: string;
  /** The section's pages, in order; the one at the current address is marked. */
  tabs: readonly { to: string; label: string }[];
  /** The page's own heading under the section. */
  title: string;
  /** A line under the heading. */
  lead?: ReactNode;
  /** Beside the heading (e.g. XLSX 내려받기). */
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of a section's pages: the breadcrumb, the heading with its actions, and the tabs between the pages. */
export function SectionFrame({ section, className, tabs, title, lead, actions, children }: Props) {
  const { pathname: path } = useLocation();
  return (
    <div className={`page ${className}`}>
      <div className="page-head no-print">
        <p className="breadcrumb">{section}</p>
        <div className="page-head-actions">
          <div>
            <h1>{title}</h1>
            {lead && <p className="muted">{lead}</p>}
          </div>
          {actions}
        </div>
        <nav className="page-tabs" aria-label={`${section} 메뉴`}>
          {tabs.map((t) => (
            <Link key={t.to} to={t.to} className={path === t.to ? 'button button-small is-current' : 'button button-small'} aria-current={path === t.to ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </div>
  );
}
