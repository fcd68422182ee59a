// Korean wording of the privacy pages (개인정보 처리방침, 열람·정정·삭제·처리정지 요청), shared by the public pages
// and the school's list; no imports beyond types, so the phone pages carry only these.
import type { PrivacyOutcome, PrivacyRequestKind, RequesterRelation } from '../../api/models/privacy';

export const KIND_LABEL: Record<PrivacyRequestKind, string> = { access: '열람', correction: '정정', deletion: '삭제', suspension: '처리정지' };

/** What each kind asks for, as the guardian chooses it. */
export const KIND_CHOICE: Record<PrivacyRequestKind, string> = {
  access: '열람 — 보관된 정보를 보여 주세요',
  correction: '정정 — 잘못된 정보를 고쳐 주세요',
  deletion: '삭제 — 정보를 지워 주세요',
  suspension: '처리정지 — 정보 이용을 멈춰 주세요',
};

export const OUTCOME_LABEL: Record<PrivacyOutcome, string> = { done: '처리 완료', partly_done: '일부 처리', refused: '거절' };

export const REQUESTER_LABEL: Record<RequesterRelation, string> = {
  father: '부',
  mother: '모',
  legal_representative: '법정대리인(후견인 등)',
  other_guardian: '기타 보호자',
  student: '학생 본인',
};

export const CHANNEL_LABEL = { guardian_link: '보호자 링크', school: '학교 접수' } as const;

export const SCHOOL_LEVEL_LABEL = { elementary: '초등학교', middle: '중학교', high: '고등학교', special: '특수학교' } as const;

export const DESTRUCTION_METHOD_LABEL = { delete: '삭제', anonymize: '익명 처리' } as const;

/** The path of a guardian's page of their child's data: the same link code as the consent slip. */
export const myDataPath = (token: string): string => `/privacy/my-data/${encodeURIComponent(token)}`;

export const POLICY_PATH = '/privacy';

export const DECISION_LABEL = { granted: '동의', refused: '미동의', withdrawn: '철회' } as const;

export const CONSENT_METHOD_LABEL = { paper_slip: '서면(회신서)', web_link: '웹 링크(보호자 직접)', other: '기타' } as const;

/** Schools write the grade within their level (중2 = 2); the api counts years of schooling (중2 = 8). */
const YEARS_BEFORE = { elementary: 0, middle: 6, high: 9, special: 0 } as const;

/** "2학년 1반" from the year of schooling and the school's level. */
export function classLabel(year: number, classNo: number | null, level: keyof typeof YEARS_BEFORE): string {
  const grade = `${year - YEARS_BEFORE[level]}학년`;
  return classNo === null ? grade : `${grade} ${classNo}반`;
}
