import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Brand, HeaderBar, PageFrame } from './components/PageFrame';
import { lazyPage } from './lazyComponent';
import { queryClient } from './query';
import { documentTitle } from './title';
import './pages/consent/consent.css';
import './styles.css';

/**
 * The entry of the pages people without an account open from paper, mostly on a phone: a survey
 * respondent's one-time code (/respond, /respond/:code; 조례 제6조), a guardian's consent link
 * (/consent/respond/:token; 조례 제9조) and their child's data behind it (/privacy/my-data/:token; 개인정보 보호법
 * 제35–37조), the privacy policy every page links to (/privacy; 제30조), and the gallery of published 우수사례
 * (/cases/public; 조례 제8조). The api serves respond.html for
 * these paths (apps/api/src/web-ui.ts), so they load React, TanStack Query and the page, without the router, the signed-in frame or any admin page
 * (test/browser/bundle-size measures it). Their links are plain links: another page is another document.
 */
// Each page is a chunk of its own: a guardian does not download the survey form, nor a respondent the consent page.
const RespondPage = lazyPage(() => import('./pages/surveys/RespondPage'), 'RespondPage');
const GuardianRespondPage = lazyPage(() => import('./pages/consent/GuardianRespondPage'), 'GuardianRespondPage');
const PrivacyPolicyPage = lazyPage(() => import('./pages/privacy/PrivacyPolicyPage'), 'PrivacyPolicyPage');
const GuardianDataPage = lazyPage(() => import('./pages/privacy/GuardianDataPage'), 'GuardianDataPage');
const PublicCasesPage = lazyPage(() => import('./pages/ordinance/PublicCasesPage'), 'PublicCasesPage');

function page(path: string): { title: string; content: ReactNode } {
  const segment = (pattern: RegExp) => decodeURIComponent(pattern.exec(path)?.[1] ?? '');
  if (/^\/consent\/respond\/[^/]+\/?$/.test(path)) {
    const token = segment(/^\/consent\/respond\/([^/]+)/);
    return { title: '생성형 AI 서비스 이용 동의', content: <GuardianRespondPage token={token} /> };
  }
  if (/^\/cases\/public\/?$/.test(path)) return { title: 'AI 교육 우수사례', content: <PublicCasesPage /> };
  if (/^\/privacy\/?$/.test(path)) return { title: '개인정보 처리방침', content: <PrivacyPolicyPage /> };
  if (/^\/privacy\/my-data\/[^/]+\/?$/.test(path)) {
    return { title: '우리 아이 정보 보기·요청', content: <GuardianDataPage token={segment(/^\/privacy\/my-data\/([^/]+)/)} /> };
  }
  if (/^\/respond\/[^/]+\/?$/.test(path)) return { title: '설문 응답', content: <RespondPage code={segment(/^\/respond\/([^/]+)/)} /> };
  return { title: '설문 응답', content: <RespondPage /> };
}

function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <PageFrame
      header={
        <HeaderBar
          brand={
            <a href="/designated" className="brand">
              <Brand />
            </a>
          }
        >
          <div className="user-box">
            <a href="/login" className="button button-ghost">
              로그인
            </a>
          </div>
        </HeaderBar>
      }
    >
      {children}
    </PageFrame>
  );
}

const { title, content } = page(window.location.pathname);
document.title = documentTitle(title);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PublicFrame>{content}</PublicFrame>
    </QueryClientProvider>
  </StrictMode>,
);
