import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_MODES, PARTICIPANT_KINDS, TRAINING_LEVELS } from './training-terms';

export class CourseSessionDto {
  id: number;

  code: string;

  /** `YYYY-MM-DD`. */
  startsOn: string;

  /** `YYYY-MM-DD`. */
  endsOn: string;

  capacity: number | null;
}

/** A training course of a school year, with its sessions and the texts its badge carries. */
export class CourseDto {
  id: number;

  code: string;

  schoolYear: number;

  title: string;

  titleEn: string;

  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  @ApiProperty({ enum: DELIVERY_MODES })
  deliveryMode: string;

  @ApiProperty({ enum: PARTICIPANT_KINDS, isArray: true })
  audience: string[];

  creditHours: number;

  provider: string;

  prerequisiteCodes: string[];

  @ApiProperty({ enum: TRAINING_LEVELS, nullable: true })
  prerequisiteLevel: string | null;

  description: string;

  descriptionEn: string;

  /** What completing it means (the badge's criteria). */
  criteria: string;

  criteriaEn: string;

  /** A badge for it expires after this many months; null: never. */
  badgeValidMonths: number | null;

  sessions: CourseSessionDto[];
}

/** The courses a level requires; completing them all earns the level's badge. */
export class PathwayViewDto {
  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  courseCodes: string[];

  name: string;

  nameEn: string;
}

/** What a completion import did; the badges follow in the job `badgeJobId`. */
export class CompletionImportResultDto {
  batchId: number;

  /** How the file was read: `utf-8`, `utf-8-bom`, `cp949` or `xlsx`. */
  encoding: string;

  received: number;

  inserted: number;

  /** Existing completions replaced (duplicates=replace). */
  replaced: number;

  /** Existing completions left as they were (duplicates=skip). */
  skipped: number;

  participantsCreated: number;

  badgeJobId: string;
}

/** A person on the training rolls (the teacher number or office id is `externalId`). */
export class ParticipantDto {
  id: number;

  externalId: string;

  name: string;

  @ApiProperty({ enum: PARTICIPANT_KINDS })
  kind: string;

  schoolId: number | null;

  schoolName: string | null;

  districtOffice: string | null;

  /** The account linked by teacher number (or email). */
  userId: string | null;
}

export class ParticipantListItemDto extends ParticipantDto {
  completions: number;

  hours: number;
}

export class ParticipantPageDto {
  items: ParticipantListItemDto[];

  total: number;

  page: number;

  pageSize: number;
}

export class CompletionDto {
  /** A bigint, as a string. */
  id: string;

  /** The course's code. */
  code: string;

  title: string;

  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  @ApiProperty({ enum: DELIVERY_MODES })
  deliveryMode: string;

  schoolYear: number;

  sessionCode: string | null;

  /** `YYYY-MM-DD`. */
  completedOn: string;

  hours: number;

  /** The course badge it earned, once issued. */
  badgeId: string | null;
}

export class LevelHoursDto {
  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  courses: number;

  hours: number;
}

export class HoursByLevelDto {
  basic: LevelHoursDto;

  applied: LevelHoursDto;

  advanced: LevelHoursDto;

  expert: LevelHoursDto;
}

export class YearHoursDto {
  schoolYear: number;

  courses: number;

  hours: number;
}

export class EarnedBadgeDto {
  id: string;

  achievementId: string;

  /** The achievement's name. */
  name: string | null;

  /** A level badge's level; null for a course badge. */
  @ApiProperty({ enum: TRAINING_LEVELS, nullable: true })
  pathwayLevel: string | null;

  issuedAt: Date;

  validUntil: Date | null;

  revokedAt: Date | null;

  revokeReason: string | null;

  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] })
  status: string;
}

export class NextLevelDto {
  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  name: string;

  missingCourses: string[];
}

/** One person's training record: courses, hours per level and year, badges, the next level. */
export class TrainingRecordDto {
  participant: ParticipantDto;

  /** Newest first. */
  completions: CompletionDto[];

  hoursByLevel: HoursByLevelDto;

  /** Newest school year first. */
  hoursByYear: YearHoursDto[];

  badges: EarnedBadgeDto[];

  @ApiProperty({ enum: TRAINING_LEVELS, isArray: true })
  levelsEarned: string[];

  /** The first level still to complete; null when all are. */
  nextLevel: NextLevelDto | null;
}

export class TrainingGroupDto {
  /** A level, a mode, an office code or a school id (`none`: people without a school). */
  key: string;

  label: string;

  participants: number;

  completions: number;

  hours: number;
}

export class TeacherShareDto {
  schoolId: number;

  schoolName: string;

  @ApiProperty({ enum: TRAINING_LEVELS })
  level: string;

  /** Teachers who completed a course of this level. */
  completed: number;

  /** The school's known teachers. */
  teachers: number;

  share: number | null;
}

/** Participants, completions and hours by level, mode, office and school; share of teachers per level. */
export class TrainingStatsDto {
  byLevel: TrainingGroupDto[];

  byMode: TrainingGroupDto[];

  byOffice: TrainingGroupDto[];

  bySchool: TrainingGroupDto[];

  teacherShareBySchool: TeacherShareDto[];
}
