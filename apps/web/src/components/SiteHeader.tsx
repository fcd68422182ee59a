import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Brand, HeaderBar, PageFrame } from './PageFrame';

export { PageFrame } from './PageFrame';

/** The site header: the brand (a link to `home`), then the rest of the bar. */
export function SiteHeader({ home, children }: { home: string; children: ReactNode }) {
  return (
    <HeaderBar
      brand={
        <Link to={home} className="brand">
          <Brand />
        </Link>
      }
    >
      {children}
    </HeaderBar>
  );
}

/** The public pages' frame: the brand, a login link, no session, no menu. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <PageFrame
      header={
        <SiteHeader home="/designated">
          <div className="user-box">
            <Link to="/login" className="button button-ghost">
              로그인
            </Link>
          </div>
        </SiteHeader>
      }
    >
      {children}
    </PageFrame>
  );
}
