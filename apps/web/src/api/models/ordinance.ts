// 조례 제4조 기본계획·시행계획 (/api/v1/plans, /api/v1/indicators), 제8조 우수사례·학습공동체
// (/api/v1/cases, /api/v1/communities) and 제10조 표창 (/api/v1/commendations). Aliases of the served
// OpenAPI document's schemas.
import type { components } from '../schema';

type Schemas = components['schemas'];

/** A basic plan (기본계획), one version of it, with the eight items of 제4조 ②. */
export type Plan = Schemas['PlanDto'];
export type PlanStatus = Plan['status'];
export type PlanItem = Schemas['PlanItemDto'];
/**
 * The served document types a few nullable inputs (`string | null`, `number | null`) as objects, a gap in the
 * api's DTO metadata; these say what the api takes (api/ordinance.ts hands them on as they are).
 */
type Nullable<T, K extends keyof T, V> = Omit<T, K> & { [P in K]?: V | null };
export type PlanInput = Nullable<Schemas['CreatePlanDto'], 'fourthIndustrialPlanRef', string>;
export type PlanPatch = Nullable<Schemas['UpdatePlanDto'], 'fourthIndustrialPlanRef', string>;
export type PlanRevision = Nullable<Schemas['RevisePlanDto'], 'fourthIndustrialPlanRef', string>;

/** A yearly plan (시행계획) with its tasks grouped by item. */
export type YearlyPlan = Schemas['YearlyPlanDto'];
export type YearlyPlanItem = Schemas['YearlyPlanItemDto'];
export type PlanTask = Schemas['PlanTaskDto'];
export type TaskIndicator = Schemas['TaskIndicatorDto'];
export type ProgressStatus = NonNullable<PlanTask['status']>;
export type TaskIndicatorInput = Nullable<Schemas['TaskIndicatorInputDto'], 'actual', number>;
export type TaskInput = Omit<Nullable<Schemas['CreateTaskDto'], 'department', string>, 'indicators'> & { indicators?: TaskIndicatorInput[] };
export type TaskPatch = Omit<Nullable<Schemas['UpdateTaskDto'], 'department', string>, 'indicators'> & { indicators?: TaskIndicatorInput[] };
export type IndicatorUnit = TaskIndicator['unit'];

/** The indicators' catalogue with live values, and their quarterly snapshots. */
export type IndicatorCatalogue = Schemas['IndicatorCatalogueDto'];
export type Indicator = Schemas['IndicatorDto'];
export type IndicatorTrendList = Schemas['IndicatorTrendListDto'];
export type IndicatorTrend = Schemas['IndicatorTrendDto'];

/** 우수사례 (제8조). */
export type PracticeCase = Schemas['PracticeCaseDto'];
export type PracticeCasePage = Schemas['PracticeCasePageDto'];
export type CaseInput = Schemas['CreateCaseDto'];
export type CaseArea = PracticeCase['area'];
export type CaseStatus = PracticeCase['status'];
export type PublicCase = Schemas['PublicCaseDto'];
export type PublicCasePage = Schemas['PublicCasePageDto'];

/** 교원 학습공동체 (제8조). */
export type CommunitySummary = Schemas['CommunitySummaryDto'];
export type Community = Schemas['CommunityDto'];
export type CommunityInput = Schemas['CreateCommunityDto'];
export type MeetingInput = Schemas['CreateMeetingDto'];
export type CreditResult = Schemas['CreditResultDto'];

/** 표창 (제10조). */
export type Commendation = Schemas['CommendationDto'];
export type NominationInput = Schemas['NominateDto'];
export type NomineeKind = Commendation['nomineeKind'];
export type CommendationStatus = Commendation['status'];
export type CommendationDecision = Schemas['CommendationDecisionDto'];
export type EvidenceInput = Schemas['EvidenceDto'];
