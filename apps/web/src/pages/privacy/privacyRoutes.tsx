import { redirect } from 'react-router';
import { page } from '../../lazyPage';
import { isCityAdmin } from '../../roles';
import type { Access, AppRoute } from '../../routes';
import { privacyPaths } from './privacyLabels';

/** The privacy officer (개인정보 보호책임자) is a city administrator. */
const PRIVACY_OFFICER: Access = { allow: isCityAdmin, denied: '개인정보 관리는 개인정보 보호책임자(교육청 관리자)만 할 수 있습니다.' };

/**
 * 개인정보 관리 (개인정보 보호법 제21조·제29조, 안전성 확보조치 기준 제8조): the retention schedule, the
 * destruction with its register and legal holds, the access log and its monthly review. The routes,
 * spread into PAGES in menu order; one main-menu item for city administrators.
 */
export const PRIVACY_ROUTES: AppRoute[] = [
  {
    path: privacyPaths.retention,
    handle: { title: '보존 기간', menu: { labels: { city_admin: '개인정보 관리' }, also: [privacyPaths.section] }, access: PRIVACY_OFFICER },
    lazy: page(() => import('./RetentionPage'), ({ RetentionPage }) => <RetentionPage />),
  },
  {
    path: privacyPaths.destruction,
    handle: { title: '개인정보 파기', access: PRIVACY_OFFICER },
    lazy: page(() => import('./DestructionPage'), ({ DestructionPage }) => <DestructionPage />),
  },
  {
    path: privacyPaths.accessLog,
    handle: { title: '개인정보 접속기록', access: PRIVACY_OFFICER },
    lazy: page(() => import('./AccessLogPage'), ({ AccessLogPage }) => <AccessLogPage />),
  },
  {
    path: privacyPaths.review,
    handle: { title: '접속기록 월간 점검', access: PRIVACY_OFFICER },
    lazy: page(() => import('./ReviewPage'), ({ ReviewPage }) => <ReviewPage />),
  },
  {
    // The section's own address opens its first page.
    path: privacyPaths.section,
    handle: { title: '개인정보 관리', access: PRIVACY_OFFICER },
    lazy: async () => ({ loader: () => redirect(privacyPaths.retention) }),
  },
];
