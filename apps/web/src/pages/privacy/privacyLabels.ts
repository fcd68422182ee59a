// Korean wording and paths of the privacy officer's pages (개인정보 관리: 개인정보 보호책임자, a city administrator).
import type { AccessAction, DestructionMethod, RetentionCategory, ReviewKind } from '../../api/models/privacyOffice';
import { CATEGORY_INFO } from '../../../../../libs/privacy/src/retention/categories';

export const privacyPaths = {
  retention: '/privacy-office/retention',
  destruction: '/privacy-office/destruction',
  accessLog: '/privacy-office/access-log',
  review: '/privacy-office/review',
  /** Every page of the section (the main menu item stays lit under it). */
  section: '/privacy-office',
};

/**
 * What a retention rule destroys (retention_rules.category) and the one method each category knows, as the
 * server's schedule has them (the register and the privacy policy use the same names).
 */
export const CATEGORY_LABEL = Object.fromEntries(Object.entries(CATEGORY_INFO).map(([category, info]) => [category, info.name])) as Record<RetentionCategory, string>;

export const CATEGORY_METHOD = Object.fromEntries(Object.entries(CATEGORY_INFO).map(([category, info]) => [category, info.method])) as Record<RetentionCategory, DestructionMethod>;

export const categoryLabel = (category: string): string => CATEGORY_LABEL[category as RetentionCategory] ?? category;

/** How a rule destroys (retention_rules.method). */
export const METHOD_LABEL: Record<DestructionMethod, string> = {
  delete: '삭제',
  anonymize: '가명·익명 처리',
};

export const methodLabel = (method: string): string => METHOD_LABEL[method as DestructionMethod] ?? method;

/** A rule's keeping period: "12개월", or for 0 "기산일 후 지체 없이". */
export const monthsText = (months: number): string => (months === 0 ? '기산일 후 지체 없이' : `${months.toLocaleString('ko-KR')}개월`);

/** What an access-log row records (access_log.action). */
export const ACCESS_ACTION_LABEL: Record<AccessAction, string> = {
  read: '조회',
  change: '변경',
  download: '다운로드',
  print: '인쇄',
};

export const accessActionLabel = (action: string): string => ACCESS_ACTION_LABEL[action as AccessAction] ?? action;

/** Whose data an access-log row is about (access_log.subject_type). */
export const SUBJECT_TYPE_LABEL: Record<string, string> = {
  student: '학생',
  user: '사용자',
  training_participant: '연수 참여자',
};

export const subjectTypeLabel = (type: string): string => SUBJECT_TYPE_LABEL[type] ?? type;

/** What the monthly review flags (안전성 확보조치 기준 제8조 ②: 월 1회 이상 점검). */
export const FLAG_KIND_LABEL: Record<ReviewKind, string> = {
  many_subjects: '다수 학생 조회',
  outside_scope: '소속 밖 조회',
  outside_hours: '근무 시간 외 조회',
  bulk_download: '대량 다운로드',
};

export const flagKindLabel = (kind: string): string => FLAG_KIND_LABEL[kind as ReviewKind] ?? kind;

/** A long id shortened for a table cell. */
export const shortId = (id: string): string => (id.length > 10 ? `${id.slice(0, 8)}…` : id);

/** This month in Seoul, YYYY-MM. */
export const currentSeoulMonth = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);

/** The month before this one in Seoul, YYYY-MM: what the monthly review looks at by default. */
export function previousSeoulMonth(now = new Date()): string {
  const [y, m] = currentSeoulMonth(now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** "2026년 3월" from YYYY-MM. */
export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}년 ${m}월`;
}

/** A count with Korean digit grouping: 1,234. */
export const count = (n: number): string => n.toLocaleString('ko-KR');
