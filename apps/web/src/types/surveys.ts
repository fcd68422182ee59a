// ---------- 조례 제6조 실태조사·만족도·수요조사 (surveys) ----------

import type { AnswerValue } from '../../../../libs/surveys/src/engine/answer-value';
import type { Question, Section, SurveyTemplate as EngineTemplate } from '../../../../libs/surveys/src/engine/template';
import type { QueueJob, QueueJobState, SchoolLevel } from './common';

/*
 * A template's definition is the survey engine's own type (pure TypeScript the web build bundles),
 * so the editor, the form and the API can never drift apart.
 */
export type { ChoiceOption, QuestionType, ShowIf, ShowIfOperator } from '../../../../libs/surveys/src/engine/template';
/** An answer as the engine stores it: likert5/numeric a number, single/text a string, multiple/ranking a list. */
export type { AnswerValue };

export type SurveyQuestion = Question;
export type SurveySection = Section;
/** A template version's definition, frozen by a campaign. */
export type SurveyDefinition = EngineTemplate;

export type Answers = Record<string, AnswerValue>;

export type SurveyKind = 'status' | 'satisfaction' | 'demand' | 'ethics';

export interface SurveyTemplate {
  id: number;
  kind: SurveyKind;
  /** A school's own demand-survey template; null for the office's templates. */
  ownerSchoolId: number | null;
  title: string;
  latestVersion: number;
  versions: { version: number; fingerprint: string; createdAt: string }[];
  definition: SurveyDefinition;
}

export type Audience = 'school' | 'students' | 'parents' | 'teachers';
export type CampaignStatus = 'scheduled' | 'open' | 'closed';

export interface CampaignTarget {
  offices?: string[];
  districts?: string[];
  levels?: SchoolLevel[];
  designationType?: string;
  schoolIds?: number[];
}

export interface CampaignInput {
  templateId: number;
  version?: number;
  title: string;
  audience: Audience;
  grades?: number[];
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
  codesPerSchool?: number;
  reminderThreshold?: number;
}

export interface SurveyCampaign {
  id: number;
  title: string;
  audience: Audience;
  grades: number[];
  opensAt: string;
  closesAt: string;
  suppressionThreshold: number;
  templateId: number;
  version: number;
  ownerSchoolId: number | null;
  schools: number;
  responses: number;
  status: CampaignStatus;
  kind: SurveyKind;
  templateTitle: string;
  reminderThreshold: number;
  codesPerSchool: number;
  /** When the distribution job notified the schools (and made their codes). */
  distributedAt: string | null;
  /** When the snapshot was computed after the close (the final report). */
  finalAggregatedAt: string | null;
}

export interface CampaignListItem {
  id: number;
  title: string;
  audience: Audience;
  opensAt: string;
  closesAt: string;
  status: CampaignStatus;
  schools: number;
  responses: number;
  ownerSchoolId: number | null;
  kind: SurveyKind;
}

/** Response counts of a group of schools (the campaign, one district office). */
interface RateFigures {
  codesIssued: number;
  responses: number;
  /** responses / codesIssued; null while no code has been issued. */
  rate: number | null;
}

export interface ProgressTotals extends RateFigures {
  schools: number;
  respondedSchools: number;
  behindSchools: number;
}

export interface OfficeProgress extends RateFigures {
  office: string;
  officeName: string;
  schools: number;
  behindSchools: number;
}

export interface SchoolProgress extends RateFigures {
  schoolId: number;
  name: string;
  office: string;
  officeName: string;
  district: string;
  level: SchoolLevel;
  /** Audience 'school': whether the principal has submitted. */
  submitted: boolean;
  /** Not submitted, or a response rate under the campaign's reminder threshold. */
  behind: boolean;
  lastRemindedAt: string | null;
}

export interface CampaignProgress {
  totals: ProgressTotals;
  offices: OfficeProgress[];
  schools: SchoolProgress[];
}

export interface StartedJob {
  jobId: string;
  deduplicated?: boolean;
}

/** GET /jobs/:id for a survey job (distribution, reminders, aggregation, the report export). */
export interface SurveyJobStatus extends QueueJob<QueueJobState, unknown> {
  result: { fileId?: string; summary?: Record<string, unknown> } | null;
  downloadUrl: string | null;
}

export interface IssuedCodes {
  batchId?: number | string;
  codes: string[];
}

export interface CodeBatch {
  id: number | string;
  count: number;
  used: number;
  source: 'distribution' | 'principal';
  createdAt: string;
}

/** One batch of codes for the printable sheet. */
export interface CodeSheet {
  campaignTitle: string;
  schoolName: string;
  closesAt: string;
  respondPath: string;
  codes: { code: string; used: boolean }[];
}

/** A school-level survey (audience 'school'), answered by the principal while logged in. */
export interface SchoolResponse {
  title: string;
  status: CampaignStatus;
  definition: SurveyDefinition;
  draft: Answers | null;
  submitted: { submittedAt: string; submittedBy: string } | null;
  answers: Answers | null;
}

/** GET /surveys/respond/:code */
export interface RespondForm {
  title: string;
  definition: SurveyDefinition;
  opensAt: string;
  closesAt: string;
  draft: Answers;
}

export interface SubmitResult {
  responseId: string;
  submittedOn?: string;
  submittedAt?: string;
  repeated: boolean;
}

export type ReportLevel = 'city' | 'office' | 'district' | 'school';

/** Figures for one question in one group of respondents. */
export interface QuestionFigures {
  answered: number;
  /** Likert and choice questions: how many respondents gave each value. */
  counts?: Record<string, number>;
  /** Likert and numeric questions. */
  mean?: number | null;
  sd?: number | null;
  /** Ranking questions: the mean position (1 = first) each option was given. */
  meanRank?: Record<string, number>;
}

/** A group of respondents: the city, a district office, a district or a school. */
interface GroupRef {
  level: ReportLevel;
  /** 'all', an office code, a district name or a school id. */
  key: string;
  name: string;
}

export type ReportGroup =
  | (GroupRef & { suppressed: false; n: number; questions: Record<string, QuestionFigures> })
  /** Withheld: fewer respondents than the threshold, or hidden so a small sibling cannot be derived. */
  | (GroupRef & { suppressed: true; reason: 'small_cell' | 'complementary' });

export interface SurveyReport {
  computedAt: string;
  threshold: number;
  definition: SurveyDefinition;
  level: ReportLevel;
  groups: ReportGroup[];
}

export interface Notice {
  id: number | string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NoticeList {
  items: Notice[];
  unread: number;
}
