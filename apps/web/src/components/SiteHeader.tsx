import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The site header: the brand (a link to `home`), then the rest of the bar. */
export function SiteHeader({ home, children }: { home: string; children: ReactNode }) {
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to={home} className="brand">
          <span className="brand-mark" aria-hidden="true">
            AI
          </span>
          <span>
            <span className="brand-org">서울특별시교육청</span>
            <span className="brand-name">AI 교육 플랫폼</span>
          </span>
        </Link>
        {children}
      </div>
    </header>
  );
}

/** The page frame: a skip link, the header, the page and the footer. */
export function PageFrame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      {header}
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p>서울특별시교육청 인공지능 교육 지원 조례에 따른 AI 교육 플랫폼</p>
      </footer>
    </>
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
