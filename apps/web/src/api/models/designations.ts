// 조례 제5조 선도학교·연구학교 지정: the api's shapes, aliases of the served OpenAPI document's schemas.
import type { components, operations } from '../schema';

type Schemas = components['schemas'];

export type DesignationType = Schemas['DesignationTypeDto'];
export type DesignationTypeInput = Schemas['CreateDesignationTypeDto'];

/** GET /designations/calls/:id: a call with its rubric, quotas and counts. */
export type DesignationCall = Schemas['DesignationCallDto'];
/** GET /designations/calls: a call as listed, with (principals and teachers) their school's application. */
export type DesignationCallListItem = Schemas['DesignationCallListItemDto'];
/** The viewer's school's application to a call, in the call list. */
export type MyApplication = Schemas['MyApplicationDto'];
export type CallPhase = DesignationCall['phase'];
export type Criterion = Schemas['CallCriterionDto'];
export type OfficeQuota = Schemas['CallOfficeQuotaDto'];
/** POST /designations/calls. */
export type CallInput = Schemas['CreateCallDto'];
export type CriterionInput = Schemas['CriterionDto'];

export type DesignationApplication = Schemas['DesignationApplicationDto'];
export type ApplicationStatus = DesignationApplication['status'];
export type ApplicationAttachment = Schemas['ApplicationAttachmentDto'];

/** A city or district administrator assigned to review a call. */
export type Reviewer = Schemas['ReviewerDto'];
/** GET /designations/reviews: an application the reviewer is assigned to, and whether they may score it. */
export type ReviewItem = Schemas['ReviewAssignmentDto'];
export type ExclusionReason = NonNullable<ReviewItem['excludedBecause']>;
export type Recusal = Schemas['RecusalDto'];
/** One criterion's score as a reviewer saves it. */
export type ScoreInput = Schemas['CriterionScoreDto'];
export type ReviewerScores = Schemas['ReviewerScoresDto'];
export type RankingRow = Schemas['RankingRowDto'];
export type Decision = Schemas['DecisionDto']['decision'];

export type Designation = Schemas['DesignationDto'];
export type DesignationStatus = Designation['status'];
export type DesignationPage = Schemas['DesignationPageDto'];
/** The filters of GET /designations (and /designations/public). */
export type DesignationFilters = NonNullable<operations['designations.list']['parameters']['query']>;

export type DesignationEvaluation = Schemas['DesignationEvaluationDto'];
export type EvaluationKind = DesignationEvaluation['kind'];
export type EvaluationOutcome = DesignationEvaluation['outcome'];
/** POST /designations/:id/evaluations. */
export type EvaluationInput = Schemas['EvaluationDto'];
export type EvaluationResult = Schemas['EvaluationResultDto'];

/** POST /designations/support. */
export type SupportInput = Schemas['SupportDto'];
export type SupportKind = SupportInput['kind'];
/** What recording support answers. */
export type SupportEntry = Schemas['SupportEntryDto'];
/** GET /designations/support: a ledger row, with the school's name. */
export type SupportLedgerEntry = Schemas['SupportLedgerEntryDto'];
export type SupportReport = Schemas['SupportReportDto'];
