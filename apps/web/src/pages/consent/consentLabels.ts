// Korean wording, grades and dates of the consent (생성형 AI 보호자 동의) pages.
import type { ConsentMethod, EligibilityRule, RecordedDecision, SchoolLevel } from '../../api/models';

/** Who decided, in the words printed on the slip, and the words people write for it (the server's own table). */
export { GUARDIAN_RELATION_LABEL, relationFromText } from '../../../../../libs/consent/src/guardian-relation';

export const DECISION_LABEL: Record<RecordedDecision, string> = { granted: '동의', refused: '미동의', withdrawn: '철회' };

export const METHOD_LABEL: Record<ConsentMethod, string> = { paper_slip: '서면(회신서)', web_link: '웹 링크(보호자 직접)', other: '기타' };

/** The methods staff record by hand (a web-link answer comes from the guardian's own page). */
export type StaffMethod = Exclude<ConsentMethod, 'web_link'>;

/** The methods staff choose when they record a decision by hand. */
export const STAFF_METHOD_LABEL: Record<StaffMethod, string> = { paper_slip: '서면', other: '기타' };

export const RULE_LABEL: Record<EligibilityRule, string> = {
  service_active: '서비스',
  school_level: '학교급',
  minimum_age: '연령',
  guardian_consent: '보호자 동의',
};

/** Schools write the grade within their level (중2 = 2); the API counts years of schooling (중2 = 8). */
const YEARS_BEFORE: Record<SchoolLevel, number> = { elementary: 0, middle: 6, high: 9, special: 0 };

/** How many grades a level has (special schools count years of schooling outright). */
export const GRADES_IN_LEVEL: Record<SchoolLevel, number> = { elementary: 6, middle: 3, high: 3, special: 12 };

export const yearOfSchooling = (level: SchoolLevel, gradeInLevel: number): number => gradeInLevel + YEARS_BEFORE[level];

export const gradeInLevel = (level: SchoolLevel, year: number): number => year - YEARS_BEFORE[level];

/** The grades of a level as select options: "1" → "1학년". */
export const gradeOptions = (level: SchoolLevel): Record<string, string> =>
  Object.fromEntries(Array.from({ length: GRADES_IN_LEVEL[level] }, (_, i) => [`${i + 1}`, `${i + 1}학년`]));

/** "2학년 1반" from the year of schooling and the school's level. */
export function classText(year: number, classNo: number | null, level: SchoolLevel): string {
  const grade = `${gradeInLevel(level, year)}학년`;
  return classNo === null ? grade : `${grade} ${classNo}반`;
}

/** Today in Seoul, YYYY-MM-DD. */
export const seoulToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());

/** The school year (March to February) a day falls in. */
export function schoolYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number);
  return m >= 3 ? y : y - 1;
}

/**
 * When a decision or withdrawal happened, as the API takes it: left out for today (the server takes
 * now, so it follows today's earlier records), 09:00 Seoul time for an earlier day, as the slip
 * import records it.
 */
export const decidedAtOf = (day: string): string | undefined => (day === '' || day === seoulToday() ? undefined : `${day}T09:00:00+09:00`);


/** The lines of a textarea, trimmed, without the empty ones. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const consentPaths = {
  classes: '/consent',
  overview: '/consent/overview',
  letters: '/consent/letters',
  letter: (id: number) => `/consent/letters/${id}`,
  import: '/consent/import',
  services: '/consent/services',
  /** 개인정보 열람·정정·삭제·처리정지 요청 (pages/privacy). */
  privacyRequests: '/consent/privacy-requests',
};
