export type Role = 'city_admin' | 'district_admin' | 'principal' | 'teacher';
export type SchoolLevel = 'elementary' | 'middle' | 'high' | 'special';
export type SpaceType = 'inquiry_play' | 'problem_solving' | 'creativity';
export type ClassroomStatus = 'planned' | 'under_construction' | 'operating' | 'suspended' | 'closed';
export type EquipmentCategory =
  | 'robot_kit'
  | 'coding_kit'
  | 'physical_computing_kit'
  | 'tablet'
  | 'laptop'
  | 'display'
  | '3d_printer'
  | 'ai_speaker'
  | 'drone'
  | 'other';
export type EquipmentCondition = 'good' | 'needs_repair' | 'broken' | 'disposed';

export interface User {
  id: string;
  email: string;
  role: Role;
  schoolId: number | null;
  districtOffice: string | null;
  displayName: string;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: User;
}

export interface DistrictOffice {
  code: string;
  name: string;
  districts: string[];
}

export interface School {
  id: number;
  name: string;
  level: SchoolLevel;
  district: string;
  districtOffice: string;
  districtOfficeName: string;
  neisCode: string | null;
  foundingType: string | null;
  roadAddress: string | null;
  hasAiClassroom: boolean;
  classroomBuildYear: number | null;
  /** Lead/research-school designations of the school (조례 제5조), newest term first; on the detail only. */
  designations?: Designation[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Classroom {
  id: number;
  schoolId: number;
  buildYear: number;
  budgetKrw: number | null;
  floorAreaUnits: number | null;
  spaceType: SpaceType;
  status: ClassroomStatus;
  minimumFloorAreaUnits: number;
  flags: { areaBelowMinimum: boolean; areaUnknown: boolean; noClubThisYear: boolean };
}

export interface ClassroomPatch {
  floorAreaUnits?: number;
  spaceType?: SpaceType;
  status?: ClassroomStatus;
  buildYear?: number;
  budgetKrw?: number;
}

export interface EquipmentItem {
  id: number;
  schoolId: number;
  category: EquipmentCategory;
  name: string;
  quantity: number;
  assetTag: string;
  serialNumber: string | null;
  purchaseDate: string | null;
  costKrw: number | null;
  condition: EquipmentCondition;
  lastAuditDate: string | null;
  nextAuditDate: string | null;
}

export type EquipmentInput = Omit<EquipmentItem, 'id' | 'schoolId'>;

export interface Club {
  id: number;
  schoolId: number;
  schoolYear: number;
  name: string;
  members: number;
}

export type ClubInput = Pick<Club, 'schoolYear' | 'name' | 'members'>;

export interface HistoryEntry {
  id: string;
  at: string;
  actorEmail: string;
  actorRole: Role;
  action: 'create' | 'update' | 'delete';
  entityType: 'classroom' | 'equipment_item' | 'ai_club';
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface AreaStat {
  key: string;
  label: string;
  classrooms: number;
  schools: number;
  coverage: number;
}

export interface ClassroomStats {
  total: number;
  byYear: Record<string, number>;
  byLevel: Partial<Record<SchoolLevel, number>>;
  byDistrict: AreaStat[];
  byDistrictOffice: AreaStat[];
  districtsWithClassrooms: number;
  coverage: {
    classrooms: number;
    schoolsInRegistry: number;
    ofRegistry: number;
    officialSchoolCount: number;
    ofOfficial: number;
    officialAsOf: string;
    officialSource: string;
  };
  flags: { areaBelowMinimum: number; areaUnknown: number; withoutClubThisYear: number; schoolYear: number; minimumFloorAreaUnits?: number };
}

export interface ExportStarted {
  jobId: string;
  deduplicated: boolean;
  statusUrl: string;
}

export interface JobStatus {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';
  progress: number;
  failedReason: string | null;
  downloadUrl: string | null;
}

// ---------- 조례 제5조 선도학교·연구학교 지정 ----------

export type CallPhase = 'upcoming' | 'open' | 'closed';
export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn' | 'designated' | 'rejected';
export type DesignationStatus = 'active' | 'ended' | 'revoked';
export type ExclusionReason = 'recused' | 'own_office' | 'not_assigned';

export interface DesignationType {
  code: string;
  name: string;
  description: string;
  builtin: boolean;
}

export interface Criterion {
  id: number;
  position: number;
  name: string;
  maxScore: number;
  weight: number;
}

export interface OfficeQuota {
  office: string;
  quota: number;
}

export interface DesignationCall {
  id: number;
  type: string;
  typeName: string;
  title: string;
  schoolYear: number;
  termStart: string;
  termEnd: string;
  eligibleLevels: SchoolLevel[];
  opensAt: string;
  closesAt: string;
  quota: number;
  recuseOwnOffice: boolean;
  requiredAttachments: string[];
  phase: CallPhase;
  criteria: Criterion[];
  maxTotal: number;
  officeQuotas: OfficeQuota[];
  counts: Partial<Record<ApplicationStatus, number>>;
  designated: number;
  /** Principals and teachers only: their school's application to this call. */
  myApplication?: { id: number; status: ApplicationStatus } | null;
}

export interface CallInput {
  type: string;
  title: string;
  schoolYear: number;
  termStart: string;
  termEnd: string;
  eligibleLevels: SchoolLevel[];
  opensAt: string;
  closesAt: string;
  quota: number;
  officeQuotas?: OfficeQuota[];
  criteria: { name: string; maxScore: number; weight: number }[];
  requiredAttachments?: string[];
  recuseOwnOffice?: boolean;
}

export interface ApplicationAttachment {
  id: number;
  kind: string;
  filename: string;
  byteSize: number;
  uploadedAt: string;
}

export interface DesignationApplication {
  id: number;
  callId: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: SchoolLevel;
  districtOffice: string;
  status: ApplicationStatus;
  planSummary: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  attachments: ApplicationAttachment[];
}

/** An audit entry of an application (same shape as the classroom history, other actions). */
export interface AuditEntry {
  id: string;
  at: string;
  actorEmail: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface Reviewer {
  id: string;
  email: string;
  role: Role;
  districtOffice: string | null;
  displayName: string;
}

export interface ReviewItem {
  applicationId: number;
  callId: number;
  callTitle: string;
  schoolName: string;
  districtOffice: string;
  status: ApplicationStatus;
  excludedBecause: ExclusionReason | null;
  criteriaScored: number;
  criteriaTotal: number;
}

export interface ReviewerScores {
  reviewer: string;
  reviewerId: string;
  total: number;
  criteriaScored: number;
  scores: { criterionId: number; name: string; score: number; maxScore: number; comment: string }[];
}

export interface ScoreInput {
  criterionId: number;
  score: number;
  comment?: string;
}

export interface RankingRow {
  applicationId: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: SchoolLevel;
  districtOffice: string;
  districtOfficeName: string;
  status: ApplicationStatus;
  reviewers: number;
  meanTotal: number | null;
  minTotal: number | null;
  maxTotal: number | null;
  spread: number | null;
  stddev: number | null;
  rank: number | null;
  rankInOffice: number | null;
}

export interface Designation {
  id: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: SchoolLevel;
  district: string;
  districtOffice: string;
  districtOfficeName: string;
  type: string;
  typeName: string;
  callId: number | null;
  applicationId: number | null;
  termStart: string;
  termEnd: string;
  status: DesignationStatus;
  revokeReason: string | null;
  renewedFrom: number | null;
}

export interface DesignationFilters {
  type?: string;
  level?: string;
  districtOffice?: string;
  schoolYear?: string | number;
  status?: 'active' | 'ended' | 'revoked' | 'all' | '';
  page?: number;
  pageSize?: number;
}

// ---------- 조례 제7조 교원 연수 · 디지털 배지 (Open Badges 3.0) ----------

export type TrainingLevel = 'basic' | 'applied' | 'advanced' | 'expert';
export type DeliveryMode = 'in_person' | 'remote' | 'blended' | 'on_site';
export type ParticipantKind = 'teacher' | 'staff' | 'parent';
export type BadgeStatus = 'valid' | 'expired' | 'revoked';

export interface TrainingParticipant {
  id: number;
  externalId: string;
  name: string;
  kind: ParticipantKind;
  schoolId: number | null;
  schoolName: string | null;
}

export interface TrainingCompletion {
  id: number;
  code: string;
  title: string;
  level: TrainingLevel;
  deliveryMode: DeliveryMode;
  schoolYear: number;
  sessionCode: string | null;
  completedOn: string;
  hours: number;
  /** The course badge issued for this completion; null until the issuing job has run. */
  badgeId: string | null;
}

export interface LevelHours {
  level: TrainingLevel;
  courses: number;
  hours: number;
}

export interface YearHours {
  schoolYear: number;
  courses: number;
  hours: number;
}

export interface EarnedBadge {
  id: string;
  achievementId: string;
  name: string | null;
  /** A level badge (all of the level's pathway courses); null for a course badge. */
  pathwayLevel: TrainingLevel | null;
  issuedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
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

export interface TrainingCourse {
  id: number;
  code: string;
  schoolYear: number;
  title: string;
  titleEn: string | null;
  level: TrainingLevel;
  deliveryMode: DeliveryMode;
  audience: ParticipantKind[];
  creditHours: number;
}

export interface TrainingPathway {
  level: TrainingLevel;
  courseCodes: string[];
  name: string;
  nameEn: string | null;
}

export type DuplicatePolicy = 'skip' | 'replace' | 'reject';

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
export interface BadgeJobStatus {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'prioritized' | 'unknown';
  progress: { issued?: number } | number | null;
  failedReason: string | null;
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

export interface BadgeVerification {
  id: string;
  verified: boolean;
  proofVerified: boolean;
  revoked: boolean;
  expired: boolean;
  status: BadgeStatus | 'invalid';
  revokeReason: string | null;
  errors: string[];
  earner: string;
  achievement: { name?: CredentialText; description?: CredentialText; criteria?: CredentialText };
  issuer: { id: string; name?: CredentialText; url?: string } | string;
  validFrom: string | null;
  validUntil: string | null;
}
