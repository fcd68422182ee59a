// ---------- 조례 제7조 교원 연수 · 디지털 배지 (Open Badges 3.0) ----------

import type { QueueJob, QueueJobState } from './common';

export type TrainingLevel = 'basic' | 'applied' | 'advanced' | 'expert';
export type DeliveryMode = 'in_person' | 'remote' | 'blended' | 'on_site';
export type ParticipantKind = 'teacher' | 'staff' | 'parent';
export type BadgeStatus = 'valid' | 'expired' | 'revoked';
export type DuplicatePolicy = 'skip' | 'replace' | 'reject';

export interface TrainingParticipant {
  id: number;
  externalId: string;
  name: string;
  kind: ParticipantKind;
  schoolId: number | null;
  schoolName: string | null;
}

/** What a course is, in a completion as in the course list. */
interface CourseBase {
  code: string;
  title: string;
  level: TrainingLevel;
  deliveryMode: DeliveryMode;
  schoolYear: number;
}

export interface TrainingCompletion extends CourseBase {
  id: number;
  sessionCode: string | null;
  completedOn: string;
  hours: number;
  /** The course badge issued for this completion; null until the issuing job has run. */
  badgeId: string | null;
}

export interface TrainingCourse extends CourseBase {
  id: number;
  titleEn: string | null;
  audience: ParticipantKind[];
  creditHours: number;
}

/** Courses completed and their hours, for one level or one school year. */
interface HoursTotal {
  courses: number;
  hours: number;
}

export interface LevelHours extends HoursTotal {
  level: TrainingLevel;
}

export interface YearHours extends HoursTotal {
  schoolYear: number;
}

/** The state of a badge: valid unless revoked or past its validUntil. */
interface BadgeValidity {
  validUntil: string | null;
  revokeReason: string | null;
}

export interface EarnedBadge extends BadgeValidity {
  id: string;
  achievementId: string;
  name: string | null;
  /** A level badge (all of the level's pathway courses); null for a course badge. */
  pathwayLevel: TrainingLevel | null;
  issuedAt: string;
  revokedAt: string | null;
  status: BadgeStatus;
}

export interface TrainingRecord {
  participant: TrainingParticipant;
  completions: TrainingCompletion[];
  hoursByLevel: Record<TrainingLevel, LevelHours>;
  hoursByYear: YearHours[];
  badges: EarnedBadge[];
  levelsEarned: TrainingLevel[];
  nextLevel: { level: TrainingLevel; name: string; missingCourses: string[] } | null;
}

export interface ParticipantListItem extends TrainingParticipant {
  districtOffice: string | null;
  userId: string | null;
  completions: number;
  hours: number;
}

export interface TrainingPathway {
  level: TrainingLevel;
  courseCodes: string[];
  name: string;
  nameEn: string | null;
}

export interface CompletionImportResult {
  batchId: number;
  encoding: string;
  received: number;
  inserted: number;
  replaced: number;
  skipped: number;
  participantsCreated: number;
  badgeJobId: string;
}

/** GET /api/v1/jobs/:id for the badge issuing job. */
export interface BadgeJobStatus extends QueueJob<QueueJobState | 'prioritized' | 'unknown', { issued?: number } | number | null> {
  result: { summary?: { batchId?: number; courseBadges?: number; levelBadges?: number } } | null;
}

export interface TrainingStatRow {
  key: string;
  label: string;
  participants: number;
  completions: number;
  hours: number;
}

export interface TeacherShareRow {
  schoolId: number;
  schoolName: string;
  level: TrainingLevel;
  completed: number;
  teachers: number;
  /** completed ÷ teachers, or null when the school has no known teachers. */
  share: number | null;
}

export interface TrainingStats {
  byLevel: TrainingStatRow[];
  byMode: TrainingStatRow[];
  byOffice: TrainingStatRow[];
  bySchool: TrainingStatRow[];
  teacherShareBySchool: TeacherShareRow[];
}

/** Text in a credential: a plain string, or JSON-LD language values. */
export type CredentialText = string | { '@value': string; '@language'?: string }[] | null | undefined;

export interface BadgeVerification extends BadgeValidity {
  id: string;
  verified: boolean;
  proofVerified: boolean;
  revoked: boolean;
  expired: boolean;
  status: BadgeStatus | 'invalid';
  errors: string[];
  earner: string;
  achievement: { name?: CredentialText; description?: CredentialText; criteria?: CredentialText };
  issuer: { id: string; name?: CredentialText; url?: string } | string;
  validFrom: string | null;
}

export interface SessionInput {
  code: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
}

export interface CourseInput {
  code: string;
  schoolYear: number;
  title: string;
  titleEn?: string;
  level: TrainingLevel;
  deliveryMode: DeliveryMode;
  audience: ParticipantKind[];
  creditHours: number;
  provider?: string;
  prerequisiteLevel?: TrainingLevel;
  description?: string;
  criteria?: string;
  badgeValidMonths?: number;
  sessions?: SessionInput[];
}
