import type { ReactNode } from 'react';

/** The brand's mark and name, inside the header's home link. */
export function Brand() {
  return (
    <>
      <span className="brand-mark" aria-hidden="true">
        AI
      </span>
      <span>
        <span className="brand-org">서울특별시교육청</span>
        <span className="brand-name">AI 교육 플랫폼</span>
      </span>
    </>
  );
}

/** The header bar: `brand` (the home link), then the rest of the bar. */
export function HeaderBar({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  return (
    <header className="site-header">
      <div className="header-inner">
        {brand}
        {children}
      </div>
    </header>
  );
}

/** The page frame: a skip link, the header, the page and the footer with the privacy policy's link. */
export function PageFrame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      {header}
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p>서울특별시교육청 인공지능 교육 지원 조례에 따른 AI 교육 플랫폼</p>
        {/* A plain link on every page, signed in or not (개인정보 보호법 제30조 제2항): /privacy is a document of its own. */}
        <p>
          <a href="/privacy" data-testid="privacy-policy-link">
            <strong>개인정보 처리방침</strong>
          </a>
        </p>
      </footer>
    </>
  );
}
