import { ApiProperty } from '@nestjs/swagger';
import { GUARDIAN_RELATIONS, type GuardianRelation } from '@app/consent';
import { METHODS } from '@app/consent/consent.dto';
import { RECORDED_DECISIONS } from '@app/consent/consent-responses.dto';
import { SCHOOL_LEVELS } from '@app/schools/school-level';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_OUTCOMES, REQUEST_STATUSES, REQUESTER_RELATIONS } from './privacy-requests.dto';
import type { RequestChannel, RequestKind, RequestOutcome, RequestStatus, RequesterRelation } from './privacy-requests.dto';


/** A data subject's request as the school and the office see it. */
export class PrivacyRequestViewDto {
  id: number;
  schoolId: number;
  schoolName: string;
  /** Null once the student's data has been destroyed. */
  studentId: number | null;
  /** The school's pseudonymous id of the student; null once destroyed. */
  studentCode: string | null;
  /** Year of schooling; null once destroyed. */
  grade: number | null;
  classNo: number | null;

  @ApiProperty({ enum: REQUEST_KINDS })
  kind: RequestKind;

  @ApiProperty({ enum: REQUEST_CHANNELS, description: "guardian_link: made through the guardian's link; school: recorded by the school" })
  channel: RequestChannel;

  @ApiProperty({ enum: REQUESTER_RELATIONS, nullable: true })
  requesterRelation: RequesterRelation | null;

  requesterName: string | null;
  detail: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  /** The Seoul day the answer is due: the day received + 10 (개인정보 보호법 시행령 제41조·제43조·제44조). */
  @ApiProperty({ format: 'date' })
  dueOn: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: RequestStatus;

  /** Not answered and past its due day (Seoul). */
  overdue: boolean;

  @ApiProperty({ enum: REQUEST_OUTCOMES, nullable: true })
  outcome: RequestOutcome | null;

  answer: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  answeredAt: string | null;

  /** Who answered (display name). */
  answeredBy: string | null;
  /** Who recorded it at the school (display name); null for a guardian's own request. */
  recordedBy: string | null;
  /** The destruction register's entries that carried out this request (a deletion answered done). */
  registerIds: number[];
}

export class PrivacyRequestPageDto {
  /** Unanswered first, by due day; then answered, newest first. */
  items: PrivacyRequestViewDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** A request as the guardian's page shows it. */
export class GuardianPrivacyRequestDto {
  id: number;

  @ApiProperty({ enum: REQUEST_KINDS })
  kind: RequestKind;

  @ApiProperty({ enum: REQUEST_CHANNELS })
  channel: RequestChannel;

  detail: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date' })
  dueOn: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: RequestStatus;

  @ApiProperty({ enum: REQUEST_OUTCOMES, nullable: true })
  outcome: RequestOutcome | null;

  answer: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  answeredAt: string | null;
}

/** One consent decision held about the child, as recorded. */
export class HeldConsentDto {
  serviceName: string;
  provider: string;

  @ApiProperty({ enum: RECORDED_DECISIONS })
  decision: (typeof RECORDED_DECISIONS)[number];

  @ApiProperty({ enum: GUARDIAN_RELATIONS })
  guardianRelation: GuardianRelation;

  guardianName: string | null;
  /** A contact is held with the record (not shown on a page opened by a link). */
  guardianContactHeld: boolean;

  @ApiProperty({ enum: METHODS })
  method: (typeof METHODS)[number];

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  /** The notice the decision answered: its school year and version. */
  noticeSchoolYear: number;
  noticeVersion: number;
}

/** A literacy diagnostic the child's answers and scores are held for (names only). */
export class HeldAssessmentDto {
  name: string;
  schoolYear: number;
}

/** What the platform holds about the child behind a guardian's link (제35조 열람). */
export class GuardianMyDataDto {
  schoolName: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  schoolLevel: (typeof SCHOOL_LEVELS)[number];

  /** Year of schooling (중2 = 8). */
  grade: number;
  classNo: number | null;
  /** The school's pseudonymous id of the child (no name is held). */
  studentCode: string;

  /** YYYY-MM; null when not recorded. */
  @ApiProperty({ type: 'string', pattern: '^\\d{4}-\\d{2}$', nullable: true })
  birthMonth: string | null;

  /** Every consent record of every service, newest first. */
  consents: HeldConsentDto[];
  /** How many eligibility decisions were logged for the child (이용 가능 판정 기록). */
  eligibilityChecks: number;
  literacy: HeldAssessmentDto[];
  /** The child's requests (this link's and those recorded by the school), newest first. */
  requests: GuardianPrivacyRequestDto[];
}
