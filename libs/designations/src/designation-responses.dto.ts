import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@app/core/auth/role';
import { SCHOOL_LEVELS } from '@app/schools/school-level';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn', 'designated', 'rejected'] as const;
export const DESIGNATION_STATUSES = ['active', 'ended', 'revoked'] as const;

export class DesignationTypeDto {
  /** `lead`, `research`, or one an administrator added. */
  code: string;

  name: string;

  description: string;

  /** The types the ordinance names; added ones are not builtin. */
  builtin: boolean;
}

export class CallCriterionDto {
  id: number;

  position: number;

  name: string;

  maxScore: number;

  weight: number;
}

export class CallOfficeQuotaDto {
  office: string;

  quota: number;
}

export class MyApplicationDto {
  id: number;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: string;
}

/** A call (공모) for lead or research schools. */
export class DesignationCallDto {
  id: number;

  /** The designation type's code. */
  type: string;

  typeName: string;

  title: string;

  schoolYear: number;

  /** `YYYY-MM-DD`. */
  termStart: string;

  /** `YYYY-MM-DD`. */
  termEnd: string;

  @ApiProperty({ enum: SCHOOL_LEVELS, isArray: true })
  eligibleLevels: string[];

  opensAt: string;

  closesAt: string;

  /** Schools designated at most, overall. */
  quota: number;

  /** Reviewers do not score schools of their own district office. */
  recuseOwnOffice: boolean;

  /** Attachment kinds an application needs before it can be submitted. */
  requiredAttachments: string[];

  @ApiProperty({ enum: ['upcoming', 'open', 'closed'] })
  phase: 'upcoming' | 'open' | 'closed';

  criteria: CallCriterionDto[];

  /** The weighted total a perfect application scores. */
  maxTotal: number;

  officeQuotas: CallOfficeQuotaDto[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'applications by status (drafts not counted)' })
  counts: Record<string, number>;

  /** Designations the call made (revoked ones not counted). */
  designated: number;
}

/** A call as listed; for a principal or teacher with their school's latest application. */
export class DesignationCallListItemDto extends DesignationCallDto {
  /** Principals and teachers: their school's application to this call, if any. */
  myApplication?: MyApplicationDto | null;
}

export class ApplicationAttachmentDto {
  id: number;

  /** `operating_plan`, … */
  kind: string;

  filename: string;

  byteSize: number;

  uploadedAt: string;
}

/** A school's application to a call. */
export class DesignationApplicationDto {
  id: number;

  callId: number;

  schoolId: number;

  schoolName: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  schoolLevel: string;

  districtOffice: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: 'draft' | 'submitted' | 'withdrawn' | 'designated' | 'rejected';

  planSummary: string;

  submittedAt: string | null;

  withdrawnAt: string | null;

  decidedAt: string | null;

  decisionReason: string | null;

  attachments: ApplicationAttachmentDto[];
}

export class RankingRowDto {
  applicationId: number;

  schoolId: number;

  schoolName: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  schoolLevel: string;

  districtOffice: string;

  districtOfficeName: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: string;

  /** Reviewers who scored every criterion. */
  reviewers: number;

  meanTotal: number | null;

  minTotal: number | null;

  maxTotal: number | null;

  /** maxTotal − minTotal: where reviewers disagree. */
  spread: number | null;

  stddev: number | null;

  rank: number | null;

  rankInOffice: number | null;
}

export class ReviewerDto {
  id: string;

  email: string;

  @ApiProperty({ enum: ROLES })
  role: string;

  districtOffice: string | null;

  displayName: string;
}

/** An application the reviewer is assigned to review. */
export class ReviewAssignmentDto {
  applicationId: number;

  callId: number;

  callTitle: string;

  schoolName: string;

  districtOffice: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: string;

  @ApiProperty({ enum: ['not_assigned', 'recused', 'own_office'], nullable: true, description: 'why the reviewer may not score it; null when they may' })
  excludedBecause: string | null;

  criteriaScored: number;

  criteriaTotal: number;
}

export class RecusalDto {
  applicationId: number;

  recused: boolean;

  reason: string;
}

export class CriterionScoreViewDto {
  criterionId: number;

  name: string;

  score: number;

  maxScore: number;

  comment: string;
}

/** One reviewer's scores of an application, with the weighted total. */
export class ReviewerScoresDto {
  /** The reviewer's display name (or email). */
  reviewer: string;

  reviewerEmail: string;

  reviewerId: string;

  total: number;

  criteriaScored: number;

  scores: CriterionScoreViewDto[];
}

/** A school's designation as a lead or research school. */
export class DesignationDto {
  id: number;

  schoolId: number;

  schoolName: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  schoolLevel: string;

  district: string;

  districtOffice: string;

  districtOfficeName: string;

  /** The designation type's code. */
  type: string;

  typeName: string;

  /** The call it came from; null for a renewal. */
  callId: number | null;

  applicationId: number | null;

  /** `YYYY-MM-DD`. */
  termStart: string;

  /** `YYYY-MM-DD`. */
  termEnd: string;

  @ApiProperty({ enum: DESIGNATION_STATUSES })
  status: 'active' | 'ended' | 'revoked';

  revokeReason: string | null;

  /** The designation this one renews. */
  renewedFrom: number | null;
}

export class DesignationPageDto {
  items: DesignationDto[];

  total: number;

  page: number;

  pageSize: number;
}

export class EvaluationResultDto {
  /** The evaluated designation after the outcome. */
  designation: DesignationDto;

  evaluationId: number;

  /** outcome renew: the new term. */
  renewal: DesignationDto | null;
}

export class DesignationEvaluationDto {
  id: number;

  @ApiProperty({ enum: ['mid_term', 'final'] })
  kind: string;

  /** `YYYY-MM-DD`. */
  evaluatedOn: string;

  score: number;

  @ApiProperty({ enum: ['continue', 'renew', 'end', 'revoke'] })
  outcome: string;

  notes: string;

  /** The evaluator's display name (or email). */
  evaluatedBy: string | null;
}

export class SupportEntryDto {
  id: number;

  schoolId: number;

  designationId: number | null;

  @ApiProperty({ enum: ['budget', 'staff'] })
  kind: string;

  amountKrw: number | null;

  staffCount: number | null;

  description: string;

  /** `YYYY-MM-DD`. */
  grantedOn: string;
}

export class SupportLedgerEntryDto extends SupportEntryDto {
  schoolName: string;
}

export class SupportByTypeDto {
  /** The designation type's code, or `none` for support without a designation. */
  type: string;

  typeName: string;

  schools: number;

  budgetKrw: number;

  staff: number;
}

export class SupportByOfficeDto {
  office: string;

  officeName: string;

  schools: number;

  budgetKrw: number;

  staff: number;
}

export class SupportDesignatedVsNotDto {
  /** Schools that held a designation during the year, or not. */
  designated: boolean;

  schools: number;

  schoolsSupported: number;

  budgetKrw: number;

  staff: number;

  budgetKrwPerSchool: number;
}

/** Support granted in a school year, per designation type, per office, designated vs. not. */
export class SupportReportDto {
  schoolYear: number;

  byType: SupportByTypeDto[];

  byOffice: SupportByOfficeDto[];

  designatedVsNot: SupportDesignatedVsNotDto[];
}
