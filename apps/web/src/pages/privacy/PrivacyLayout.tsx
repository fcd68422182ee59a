import type { ReactNode } from 'react';
import { SectionFrame } from '../../components/SectionFrame';
import { consentPaths } from '../consent/consentLabels';
import { privacyPaths } from './privacyLabels';

/**
 * The section's pages, in the order of the sub-navigation, then the data subjects' requests (열람·정정·삭제·처리정지),
 * which the schools answer under 생성형 AI 동의 and the officer oversees.
 */
const TABS: { to: string; label: string }[] = [
  { to: privacyPaths.retention, label: '보존 기간' },
  { to: privacyPaths.destruction, label: '파기' },
  { to: privacyPaths.accessLog, label: '접속기록' },
  { to: privacyPaths.review, label: '월간 점검' },
  { to: consentPaths.privacyRequests, label: '정보주체 요청' },
];

interface Props {
  /** The page's own heading under 개인정보 관리. */
  title: string;
  /** A line under the heading. */
  lead?: ReactNode;
  /** Beside the heading (e.g. XLSX 내려받기). */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of the privacy officer's pages (개인정보 관리, city administrators): the heading and the
 * tabs between 보존 기간, 파기, 접속기록 and 월간 점검, and the link to the data subjects' requests.
 */
export function PrivacyLayout({ title, lead, actions, children }: Props) {
  return (
    <SectionFrame section="개인정보 관리" className="privacy-office-page" tabs={TABS} title={title} lead={lead} actions={actions}>
      {children}
    </SectionFrame>
  );
}
