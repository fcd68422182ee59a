import { ApiProperty } from '@nestjs/swagger';
import { GUARDIAN_RELATIONS, GuardianRelation } from './guardian-relation';
import { DECISIONS, LEVELS, METHODS } from './consent.dto';

/*
 * What the consent routes answer with. Students are pseudonymous (the school's own id, grade and
 * class, birth year and month); no names.
 */

export type SchoolLevel = (typeof LEVELS)[number];
export type GuardianDecision = (typeof DECISIONS)[number];
export const RECORDED_DECISIONS = [...DECISIONS, 'withdrawn'] as const;
export type RecordedDecision = (typeof RECORDED_DECISIONS)[number];
export type ConsentMethod = (typeof METHODS)[number];
export const ELIGIBILITY_RULES = ['service_active', 'school_level', 'minimum_age', 'guardian_consent'] as const;

/** A generative-AI service in the registry, with its age rules. */
export class AiServiceViewDto {
  id: number;
  name: string;
  provider: string;
  /** The service's minimum age (만). */
  minAge: number;
  /** Guardian consent is needed below this age by the service's terms; 0 if they need none. */
  consentUnderAge: number;
  /** Personal data the service receives; any at all means consent under 14 (PIPA art. 22-2). */
  personalData: string[];

  @ApiProperty({ enum: LEVELS, isArray: true })
  allowedLevels: SchoolLevel[];

  notes: string;
  active: boolean;
}

export class AiServiceListDto {
  /** Active services first, by name. */
  items: AiServiceViewDto[];
}

/** One published version of a service's consent notice for a school year (PIPA art. 15(2)). */
export class ConsentNoticeViewDto {
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
  /** AI-ethics guidance for students and guardians (조례 제9조), one rule a line. */
  ethicsGuidance: string;

  /** The last day its consents count (by default the end of the school year). */
  @ApiProperty({ format: 'date' })
  validUntil: string;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;
}

export class ConsentNoticeListDto {
  /** Newest school year and version first. */
  items: ConsentNoticeViewDto[];
}

/** A student on the roster. */
export class RosterStudentDto {
  id: number;
  schoolId: number;
  /** The school's own pseudonymous id. */
  studentCode: string;
  /** Year of schooling 1–12 (중2 = 8). */
  grade: number;
  classNo: number | null;

  /** YYYY-MM; null when not recorded. */
  @ApiProperty({ type: 'string', pattern: '^\\d{4}-\\d{2}$', nullable: true })
  birthMonth: string | null;

  /** The school's level. */
  @ApiProperty({ enum: LEVELS })
  level: SchoolLevel;
}

export class ClassRosterDto {
  /** By student code. */
  items: RosterStudentDto[];
}

/** One append-only consent record; a change of mind is a new one. */
export class ConsentRecordViewDto {
  id: string;
  studentId: number;
  serviceId: number;
  noticeId: number;
  noticeVersion: number;

  @ApiProperty({ enum: RECORDED_DECISIONS })
  decision: RecordedDecision;

  @ApiProperty({ enum: GUARDIAN_RELATIONS })
  guardianRelation: GuardianRelation;
  guardianName: string | null;
  guardianContact: string | null;

  @ApiProperty({ enum: METHODS })
  method: ConsentMethod;

  methodNote: string | null;

  /** From when the decision counts. */
  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  /** Who recorded it (display name); null for a guardian's own answer through the link. */
  recordedBy: string | null;
}

export class ConsentHistoryDto {
  student: RosterStudentDto;
  /** Newest first. */
  items: ConsentRecordViewDto[];
}

/** Returned slips imported: students on the file, decisions recorded, rows that only updated the roster. */
export class SlipImportResultDto {
  received: number;
  recorded: number;
  rosterOnly: number;
}

/** A return slip: one per student and guardian, with its one-time link's token. */
export class LetterSlipDto {
  studentCode: string;
  /** 1, or 2 for the second guardian's slip the reminder job adds. */
  guardianNo: number;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  openedAt: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  answeredAt: string | null;

  /** The link's code, as printed and typed: ABCD-EFGH-JKMN (links made before codes were typeable: a 22-character token). */
  token: string;
  /** The guardian page with this code in it (the slip's QR code and typeable address), from PUBLIC_BASE_URL. */
  url: string;
}

/** A home letter (가정통신문) to print: the notice and one return slip per student and guardian. */
export class ConsentLetterDto {
  id: number;
  schoolId: number;
  schoolName: string;

  @ApiProperty({ enum: LEVELS })
  schoolLevel: SchoolLevel;

  /** Year of schooling. */
  grade: number;
  classNo: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  secondGuardianAfterDays: number;
  noticeId: number;
  serviceId: number;
  serviceName: string;
  provider: string;
  minAge: number;
  consentUnderAge: number;
  notice: ConsentNoticeViewDto;
  /** Where guardians go (https://…/consent/respond), from PUBLIC_BASE_URL, never from a browser's address. */
  respondUrl: string;
  slips: LetterSlipDto[];
}

/** A letter with its sent / opened / answered counts (students). */
export class LetterTrackingDto {
  id: number;
  schoolId: number;
  schoolName: string;

  @ApiProperty({ enum: LEVELS })
  schoolLevel: SchoolLevel;

  /** Year of schooling. */
  grade: number;
  classNo: number;
  serviceName: string;
  noticeVersion: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  slips: number;
  secondGuardianSlips: number;
  students: number;
  opened: number;
  answered: number;
}

export class LetterTrackingListDto {
  /** Newest first. */
  items: LetterTrackingDto[];
}

export class EligibilityReasonDto {
  @ApiProperty({ enum: ELIGIBILITY_RULES })
  rule: (typeof ELIGIBILITY_RULES)[number];

  passed: boolean;
  /** Korean, shown to teachers as is. */
  message: string;
}

/** Whether a student may use a service directly on a day, with every rule passed or not. */
export class StudentEligibilityDto {
  studentId: number;
  studentCode: string;
  serviceId: number;

  @ApiProperty({ format: 'date' })
  date: string;

  allowed: boolean;
  /** Age in full years (만) on the day; null without a birth month. */
  age: number | null;
  /** null when the age is unknown. */
  consentRequired: boolean | null;
  reasons: EligibilityReasonDto[];
}

export class ClassEligibilityDto {
  schoolId: number;
  /** Year of schooling. */
  grade: number;
  classNo: number;
  serviceId: number;

  @ApiProperty({ format: 'date' })
  date: string;

  /** How many of the class may use the service. */
  allowed: number;
  items: StudentEligibilityDto[];
}

export class GuardianServiceDto {
  name: string;
  provider: string;
  minAge: number;
  consentUnderAge: number;
}

/** What a guardian sees behind the link (no login): the notice, and only the school's id for the child. */
export class GuardianLetterDto {
  schoolName: string;

  @ApiProperty({ enum: LEVELS })
  schoolLevel: SchoolLevel;

  /** Year of schooling. */
  grade: number;
  classNo: number;
  studentCode: string;
  service: GuardianServiceDto;
  notice: ConsentNoticeViewDto;
  /** The link has been answered (it works once). */
  answered: boolean;
  /** What answered it, once answered: the guardian here, or a decision the school recorded from paper. */
  @ApiProperty({ type: () => GuardianAnswerViewDto, nullable: true })
  answer: GuardianAnswerViewDto | null;
}

/** The answer a used link shows: the decision, who gave it and when; not the guardian's name. */
export class GuardianAnswerViewDto {
  @ApiProperty({ enum: DECISIONS })
  decision: GuardianDecision;

  @ApiProperty({ enum: GUARDIAN_RELATIONS })
  guardianRelation: GuardianRelation;

  @ApiProperty({ enum: METHODS })
  method: ConsentMethod;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class GuardianAnswerResultDto {
  @ApiProperty({ enum: DECISIONS })
  decision: GuardianDecision;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}
