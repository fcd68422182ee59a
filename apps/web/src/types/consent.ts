// 생성형 AI 보호자 동의 (/api/v1/consent): the AI services registry, versioned consent notices, the
// pseudonymous class roster, append-only consent records, home letters with one-time links, and the
// eligibility decision.
import type { SchoolLevel } from './common';

/** A generative-AI service students may use directly, with its age rules. */
export interface AiService {
  id: number;
  name: string;
  provider: string;
  /** The service's minimum age (만). */
  minAge: number;
  /** Guardian consent is needed below this age by the service's terms; 0 if they need none. */
  consentUnderAge: number;
  /** What personal data the service receives; any at all means consent under 14 (PIPA art. 22-2). */
  personalData: string[];
  allowedLevels: SchoolLevel[];
  notes: string;
  active: boolean;
}

export type AiServiceInput = Omit<AiService, 'id'>;

/** One published version of a service's consent notice for a school year (PIPA art. 15(2)). */
export interface ConsentNotice {
  id: number;
  serviceId: number;
  schoolYear: number;
  version: number;
  /** 수집·이용 목적 */
  purpose: string;
  /** 수집 항목 */
  dataItems: string[];
  /** 보유·이용 기간 */
  retention: string;
  /** 동의를 거부할 권리와 거부에 따른 불이익 */
  refusalRight: string;
  /** AI 윤리 안내 for students and guardians (조례 제9조), one rule a line; the guide's standard rules unless the office wrote its own. */
  ethicsGuidance: string;
  /** YYYY-MM-DD: the last day its consents count (by default the end of the school year). */
  validUntil: string;
  publishedAt: string;
}

export interface ConsentNoticeInput {
  schoolYear: number;
  purpose: string;
  dataItems: string[];
  retention: string;
  refusalRight: string;
  /** Left out: the office's standard guidance. */
  ethicsGuidance?: string;
  validUntil?: string;
}

/** A student on the roster: the school's own id, no names. `grade` is the year of schooling 1–12. */
export interface ConsentStudent {
  id: number;
  schoolId: number;
  studentCode: string;
  grade: number;
  classNo: number | null;
  /** YYYY-MM */
  birthMonth: string | null;
  level: SchoolLevel;
}

export interface StudentInput {
  schoolId: number;
  studentCode: string;
  /** Year of schooling 1–12 (중2 = 8). */
  grade: number;
  classNo: number;
  birthMonth?: string;
}

export type ConsentDecision = 'granted' | 'refused';
export type RecordedDecision = ConsentDecision | 'withdrawn';
export type ConsentMethod = 'paper_slip' | 'web_link' | 'other';
/** The methods staff record by hand (a web-link answer comes from the guardian's own page). */
export type StaffMethod = Exclude<ConsentMethod, 'web_link'>;

/** One append-only consent record; a change of mind is a new one. */
export interface ConsentRecord {
  id: string;
  studentId: number;
  serviceId: number;
  noticeId: number;
  noticeVersion: number;
  decision: RecordedDecision;
  guardianRelation: string;
  guardianName: string | null;
  guardianContact: string | null;
  method: ConsentMethod;
  methodNote: string | null;
  decidedAt: string;
  recordedAt: string;
  /** Who recorded it; null for a guardian's own answer through the link. */
  recordedBy: string | null;
}

export interface ConsentHistory {
  student: ConsentStudent;
  /** Newest first. */
  items: ConsentRecord[];
}

export interface ConsentRecordInput {
  studentId: number;
  serviceId: number;
  decision: ConsentDecision;
  guardianRelation: string;
  guardianName?: string;
  method: StaffMethod;
  methodNote?: string;
  /** ISO 8601; the server takes now when left out. */
  decidedAt?: string;
}

export interface WithdrawInput {
  studentId: number;
  serviceId: number;
  guardianRelation: string;
  method: StaffMethod;
  withdrawnAt?: string;
}

export type EligibilityRule = 'service_active' | 'school_level' | 'minimum_age' | 'guardian_consent';

export interface EligibilityReason {
  rule: EligibilityRule;
  passed: boolean;
  /** Korean, shown as is. */
  message: string;
}

export interface StudentEligibility {
  studentId: number;
  studentCode: string;
  serviceId: number;
  date: string;
  allowed: boolean;
  age: number | null;
  consentRequired: boolean | null;
  reasons: EligibilityReason[];
}

export interface ClassEligibility {
  schoolId: number;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  serviceId: number;
  date: string;
  /** How many of the class may use the service. */
  allowed: number;
  items: StudentEligibility[];
}

export interface ClassEligibilityQuery {
  schoolId: number;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  serviceId: number;
  date?: string;
}

export interface LetterInput {
  serviceId: number;
  schoolId: number;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  secondGuardianAfterDays?: number;
  linkValidDays?: number;
}

/** A return slip of a home letter: one per student and guardian, with its one-time link's token. */
export interface LetterSlip {
  studentCode: string;
  /** 1, or 2 for the second guardian's slip the reminder job adds. */
  guardianNo: number;
  token: string;
  expiresAt: string;
  openedAt: string | null;
  answeredAt: string | null;
}

/** GET /consent/letters/:id: the letter to print. */
export interface ConsentLetter {
  id: number;
  schoolId: number;
  schoolName: string;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  createdAt: string;
  secondGuardianAfterDays: number;
  noticeId: number;
  serviceId: number;
  serviceName: string;
  provider: string;
  minAge: number;
  consentUnderAge: number;
  notice: ConsentNotice;
  /** The web UI's path for the links, `/consent/respond`. */
  respondPath: string;
  slips: LetterSlip[];
}

/** GET /consent/letters: a letter with its sent / opened / answered counts (students). */
export interface LetterTracking {
  id: number;
  schoolId: number;
  schoolName: string;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  serviceName: string;
  noticeVersion: number;
  createdAt: string;
  slips: number;
  secondGuardianSlips: number;
  students: number;
  opened: number;
  answered: number;
}

/** GET /consent/respond/:token: what a guardian sees behind the link (no login). */
export interface GuardianLetter {
  schoolName: string;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  studentCode: string;
  service: { name: string; provider: string; minAge: number; consentUnderAge: number };
  notice: ConsentNotice;
  answered: boolean;
}

export interface GuardianAnswer {
  decision: ConsentDecision;
  guardianRelation: string;
  guardianName?: string;
}

/** POST /consent/records/import: students on the file, decisions recorded, roster-only rows. */
export interface SlipImportResult {
  received: number;
  recorded: number;
  rosterOnly: number;
}
