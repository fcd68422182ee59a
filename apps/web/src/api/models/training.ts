// 조례 제7조 교원 연수 · 디지털 배지 (Open Badges 3.0): the api's shapes, aliases of the served
// OpenAPI document's schemas.
import type { components, operations } from '../schema';

type Schemas = components['schemas'];

export type TrainingCourse = Schemas['CourseDto'];
export type CourseSession = Schemas['CourseSessionDto'];
export type TrainingLevel = TrainingCourse['level'];
export type DeliveryMode = TrainingCourse['deliveryMode'];
export type ParticipantKind = TrainingCourse['audience'][number];
/** POST /training/courses. */
export type CourseInput = Schemas['CreateCourseDto'];
export type SessionInput = Schemas['SessionDto'];
/** The courses a level requires (GET /training/pathways). */
export type TrainingPathway = Schemas['PathwayViewDto'];

/** A person's training record (GET /training/me, /training/participants/:id). */
export type TrainingRecord = Schemas['TrainingRecordDto'];
export type TrainingParticipant = Schemas['ParticipantDto'];
export type TrainingCompletion = Schemas['CompletionDto'];
export type LevelHours = Schemas['LevelHoursDto'];
export type YearHours = Schemas['YearHoursDto'];
export type NextLevel = Schemas['NextLevelDto'];
export type EarnedBadge = Schemas['EarnedBadgeDto'];
export type BadgeStatus = EarnedBadge['status'];

export type ParticipantListItem = Schemas['ParticipantListItemDto'];
export type ParticipantPage = Schemas['ParticipantPageDto'];
/** The filters of GET /training/participants. */
export type ParticipantFilters = NonNullable<operations['training.participants']['parameters']['query']>;

export type TrainingStats = Schemas['TrainingStatsDto'];
/** Participants, completions and hours of one level, mode, office or school. */
export type TrainingStatRow = Schemas['TrainingGroupDto'];
export type TeacherShareRow = Schemas['TeacherShareDto'];

/** POST /training/completions/import: the counts; the badge issuing job follows. */
export type CompletionImportResult = Schemas['CompletionImportResultDto'];
export type DuplicatePolicy = NonNullable<NonNullable<operations['training.importCompletions']['parameters']['query']>['duplicates']>;

/** GET /badges/:id/verify: whether a badge is genuine, revoked or expired, and who earned what. */
export type BadgeVerification = Schemas['BadgeVerificationDto'];
export type BadgeIssuer = Schemas['BadgeIssuerDto'];
/** Text in a credential: a plain string, or JSON-LD language values. */
export type CredentialText = Schemas['VerifiedAchievementDto']['name'];
