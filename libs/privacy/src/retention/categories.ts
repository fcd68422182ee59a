/*
 * The categories of personal data the retention schedule covers. What a category's rows are, the
 * day its retention counts from and how it can be destroyed are fixed here, in code (the database
 * has to agree with them); how long it is kept, and the words, are the office's (retention_rules).
 */

export const RETENTION_CATEGORIES = [
  'consent_records',
  'students',
  'literacy_results',
  'survey_drafts',
  'designation_attachments',
  'login_records',
  'access_logs',
  'departed_accounts',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export const DESTRUCTION_METHODS = ['delete', 'anonymize'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

export interface CategoryInfo {
  /** Korean, as the schedule's screen and the register show it. */
  name: string;
  /** The starting day the months are counted from, in Korean. */
  basis: string;
  /**
   * The one method the category's destruction knows. Deleting a roster entry or an account would
   * take results and history that other modules keep with it, so those are anonymised; deleting a
   * literacy result outright is what "anonymize" means there (the published figures stay).
   */
  method: DestructionMethod;
}

export const CATEGORY_INFO: Record<RetentionCategory, CategoryInfo> = {
  consent_records: { name: '보호자 동의 기록', basis: '동의 안내문 학년도의 종료일(2월 말일)', method: 'delete' },
  students: { name: '학생 명부', basis: '학생을 등록한 학년도의 종료일(2월 말일), 남은 동의 기록이 없을 때', method: 'anonymize' },
  literacy_results: { name: 'AI·디지털 리터러시 진단 결과', basis: '진단 학년도의 종료일(2월 말일)', method: 'anonymize' },
  survey_drafts: { name: '설문 임시 저장 답변', basis: '설문 마감일', method: 'delete' },
  designation_attachments: { name: '선도·연구학교 신청서 첨부 파일', basis: '파일을 올린 학년도의 종료일(2월 말일)', method: 'delete' },
  login_records: { name: '로그인 기록', basis: '로그인 시도 시각, 세션이 끝난 시각', method: 'delete' },
  access_logs: { name: '개인정보 처리 접속기록', basis: '접속 기록 시각', method: 'delete' },
  departed_accounts: { name: '퇴직·비활성 계정', basis: '계정을 비활성화한 날(마지막 변경일)', method: 'anonymize' },
};

export const METHOD_NAME: Record<DestructionMethod, string> = { delete: '삭제', anonymize: '익명 처리' };

/** The rule as the register keeps it: what, from when, how long, how. */
export function ruleText(rule: { category: RetentionCategory; description: string; keepMonths: number; method: DestructionMethod }): string {
  const info = CATEGORY_INFO[rule.category];
  return `${info.name}: ${rule.description} / 기산일: ${info.basis} / 보존 기간: ${rule.keepMonths}개월 / 파기 방법: ${METHOD_NAME[rule.method]}`;
}
