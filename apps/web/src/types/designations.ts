// ---------- 조례 제5조 선도학교·연구학교 지정 ----------

import type { AuditRecord, NamedSchoolRef, Role, SchoolLevel, SchoolRef, User } from './common';

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

/** A criterion of a call's rubric, as the call is created. */
export interface CriterionInput {
  name: string;
  maxScore: number;
  weight: number;
}

export interface Criterion extends CriterionInput {
  id: number;
  position: number;
}

export interface OfficeQuota {
  office: string;
  quota: number;
}

/** What a call is about: the fields it is created with and shown with. */
interface CallBase {
  type: string;
  title: string;
  schoolYear: number;
  termStart: string;
  termEnd: string;
  eligibleLevels: SchoolLevel[];
  opensAt: string;
  closesAt: string;
  quota: number;
}

/** The settings a call may be created without (the API has defaults); a call always shows them. */
interface CallOptions {
  officeQuotas: OfficeQuota[];
  requiredAttachments: string[];
  recuseOwnOffice: boolean;
}

export interface DesignationCall extends CallBase, CallOptions {
  id: number;
  typeName: string;
  phase: CallPhase;
  criteria: Criterion[];
  maxTotal: number;
  counts: Partial<Record<ApplicationStatus, number>>;
  designated: number;
  /** Principals and teachers only: their school's application to this call. */
  myApplication?: { id: number; status: ApplicationStatus } | null;
}

export interface CallInput extends CallBase, Partial<CallOptions> {
  criteria: CriterionInput[];
}

export interface ApplicationAttachment {
  id: number;
  kind: string;
  filename: string;
  byteSize: number;
  uploadedAt: string;
}

export interface DesignationApplication extends SchoolRef {
  id: number;
  callId: number;
  status: ApplicationStatus;
  planSummary: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  attachments: ApplicationAttachment[];
}

/** An audit entry of an application (same shape as the classroom history, other actions). */
export interface AuditEntry extends AuditRecord<string, string> {
  actorEmail: string | null;
  /** The actor's name, shown instead of the email when there is one. */
  actorName?: string | null;
  actorRole: Role | null;
}

/** Reviewers are city and district administrators, who belong to no school. */
export type Reviewer = Omit<User, 'schoolId'>;

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

export interface ScoreInput {
  criterionId: number;
  score: number;
  comment?: string;
}

export interface ReviewerScores {
  reviewer: string;
  reviewerId: string;
  total: number;
  criteriaScored: number;
  scores: (Required<ScoreInput> & Pick<Criterion, 'name' | 'maxScore'>)[];
}

export interface RankingRow extends NamedSchoolRef {
  applicationId: number;
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

export interface Designation extends NamedSchoolRef {
  id: number;
  district: string;
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
  status?: DesignationStatus | 'all' | '';
  page?: number;
  pageSize?: number;
}

export type EvaluationKind = 'mid_term' | 'final';
export type EvaluationOutcome = 'continue' | 'renew' | 'end' | 'revoke';

export interface EvaluationInput {
  kind: EvaluationKind;
  evaluatedOn: string;
  score: number;
  outcome: EvaluationOutcome;
  renewedTermEnd?: string;
  notes?: string;
}

export interface DesignationEvaluation {
  id: number;
  kind: EvaluationKind;
  evaluatedOn: string;
  score: number;
  outcome: EvaluationOutcome;
  notes: string | null;
  evaluatedBy: string | null;
}

export interface EvaluationResult {
  designation: Designation;
  evaluationId: number;
  renewal: Designation | null;
}

export type SupportKind = 'budget' | 'staff';

export interface SupportInput {
  schoolId: number;
  designationId?: number;
  kind: SupportKind;
  amountKrw?: number;
  staffCount?: number;
  grantedOn: string;
  description?: string;
}

export interface SupportEntry {
  id: number;
  schoolId: number;
  schoolName?: string;
  designationId: number | null;
  kind: SupportKind;
  amountKrw: number | null;
  staffCount: number | null;
  description: string | null;
  grantedOn: string;
}
