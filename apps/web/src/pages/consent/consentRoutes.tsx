import { page } from '../../lazyPage';
import { isCityAdmin } from '../../roles';
import { EVERYONE, label, type AppRoute } from '../../routes';
import { consentPaths } from './consentLabels';
// consent.css comes with the app (main.tsx), before styles.css, which wins where both set a rule (e.g. @page).

/**
 * 생성형 AI 동의 (the office's guide, 조례 제9조): the routes, spread into PAGES in menu order. The guardian's page,
 * public and opened on phones, is among the public pages (routes.tsx: PUBLIC_PAGES.guardian).
 */
export const CONSENT_ROUTES: AppRoute[] = [
  {
    path: consentPaths.classes,
    handle: { title: '생성형 AI 동의', menu: { labels: label(EVERYONE, '생성형 AI 동의') } },
    lazy: page(() => import('./ClassEligibilityPage'), ({ ClassEligibilityPage }, user) => <ClassEligibilityPage user={user} />),
  },
  {
    path: consentPaths.letters,
    handle: { title: '가정통신문' },
    lazy: page(() => import('./LettersPage'), ({ LettersPage }, user) => <LettersPage user={user} />),
  },
  {
    path: '/consent/letters/:id',
    handle: { title: '가정통신문 인쇄' },
    lazy: page(() => import('./LetterPrintPage'), ({ LetterPrintPage }, _, { id }) => <LetterPrintPage key={id} letterId={Number(id)} />),
  },
  {
    path: consentPaths.import,
    handle: { title: '동의 회신 일괄 등록' },
    lazy: page(() => import('./SlipImportPage'), ({ SlipImportPage }, user) => <SlipImportPage user={user} />),
  },
  {
    path: consentPaths.services,
    handle: { title: 'AI 서비스 관리', access: { allow: isCityAdmin, denied: 'AI 서비스와 동의 안내문은 교육청 관리자가 관리합니다.' } },
    lazy: page(() => import('./ServicesPage'), ({ ServicesPage }, user) => <ServicesPage user={user} />),
  },
  {
    // The data subjects' requests arrive with the consent links and go to the school (개인정보 보호법 제35–37조).
    path: consentPaths.privacyRequests,
    handle: { title: '개인정보 열람·삭제 요청' },
    lazy: page(() => import('../privacy/PrivacyRequestsPage'), ({ PrivacyRequestsPage }, user) => <PrivacyRequestsPage user={user} />),
  },
];
