import { lazyPage } from '../../lazyPage';
import { isCityAdmin } from '../../roles';
import type { AppRoute } from '../../routes';
import type { Role } from '../../types';
import { consentPaths } from './consentLabels';
// Imported here, with the app, rather than by the pages: it stays before styles.css, which wins where both set a rule
// (e.g. @page), as it did before the pages were split off.
import './consent.css';

const ClassEligibilityPage = lazyPage(() => import('./ClassEligibilityPage'), 'ClassEligibilityPage');
const GuardianRespondPage = lazyPage(() => import('./GuardianRespondPage'), 'GuardianRespondPage');
const LetterPrintPage = lazyPage(() => import('./LetterPrintPage'), 'LetterPrintPage');
const LettersPage = lazyPage(() => import('./LettersPage'), 'LettersPage');
const ServicesPage = lazyPage(() => import('./ServicesPage'), 'ServicesPage');
const SlipImportPage = lazyPage(() => import('./SlipImportPage'), 'SlipImportPage');

const EVERYONE: Role[] = ['city_admin', 'district_admin', 'principal', 'teacher'];

/** 생성형 AI 동의 (the office's guide, 조례 제9조): the routes, spread into ROUTES in menu order. */
export const CONSENT_ROUTES: AppRoute[] = [
  {
    path: consentPaths.classes,
    menu: { labels: Object.fromEntries(EVERYONE.map((role) => [role, '생성형 AI 동의'])) },
    page: (user) => <ClassEligibilityPage user={user} />,
  },
  { path: consentPaths.letters, page: (user) => <LettersPage user={user} /> },
  { path: '/consent/letters/:id', page: (_, { id }) => <LetterPrintPage key={id} letterId={Number(id)} /> },
  { path: consentPaths.import, page: (user) => <SlipImportPage user={user} /> },
  {
    path: consentPaths.services,
    access: { allow: isCityAdmin, denied: 'AI 서비스와 동의 안내문은 교육청 관리자가 관리합니다.' },
    page: (user) => <ServicesPage user={user} />,
  },
  // Guardians answer with the one-time link on the return slip, without an account.
  { path: '/consent/respond/:token', publicPage: ({ token }) => <GuardianRespondPage key={token} token={token} /> },
];
