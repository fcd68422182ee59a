/**
 * The one catalogue of background work: every queue, every job name and its payload type.
 * A payload is checked at compile time wherever a job is enqueued or handled.
 */
export enum QueueName {
  Exports = 'exports',
  Designations = 'designations',
  Badges = 'badges',
  Surveys = 'surveys',
  Literacy = 'literacy',
  Consent = 'consent',
  Privacy = 'privacy',
}

export enum JobName {
  ClassroomExport = 'classroom-export',
  DesignationTermEnd = 'designation-term-end',
  BadgeIssuance = 'badge-issuance',
  SurveyAggregate = 'survey-aggregate',
  SurveyLifecycle = 'survey-lifecycle',
  SurveyDistribute = 'survey-distribute',
  SurveyRemind = 'survey-remind',
  SurveyReportExport = 'survey-report-export',
  LiteracyAnalysis = 'literacy-analysis',
  LiteracyReports = 'literacy-reports',
  LiteracyLink = 'literacy-link',
  ConsentRemind = 'consent-remind',
  PrivacyReview = 'privacy-review',
  PrivacyDestruction = 'privacy-destruction',
  PlanIndicatorSnapshot = 'plan-indicator-snapshot',
  PlanAnnualReport = 'plan-annual-report',
}

/** requestedBy of jobs that a schedule, not a person, starts. */
export const SCHEDULER = 'scheduler';

/** Every job records who asked for it, so only they (or a city admin) can see its state. */
export interface JobRequester {
  requestedBy: string;
}

export interface ClassroomExportPayload extends JobRequester {
  /** null: every district office (city admin); otherwise the requesting district office only. */
  districtOffice: string | null;
}

export interface DesignationTermEndPayload extends JobRequester {
  /** The day (YYYY-MM-DD, Seoul) whose eve ends terms; omitted: today when the job runs. */
  asOf?: string;
}

export interface BadgeIssuancePayload extends JobRequester {
  /** The import batch whose completions (and the level pathways they complete) earn badges. */
  batchId: number;
}

export interface SurveyAggregatePayload extends JobRequester {
  campaignId: number;
}

/** The periodic tick that distributes campaigns that have opened and finally aggregates those that closed. */
export type SurveyLifecyclePayload = JobRequester;

export interface SurveyDistributePayload extends JobRequester {
  campaignId: number;
}

export interface SurveyRemindPayload extends JobRequester {
  /** Omitted: every open campaign (the daily schedule). */
  campaignId?: number;
  /** A district admin's request reminds only their office's schools. */
  office?: string;
  /** The day (YYYY-MM-DD, Seoul) the reminders count for; omitted: today when the job runs. */
  day?: string;
}

export interface SurveyReportExportPayload extends JobRequester {
  campaignId: number;
}

export interface LiteracyAnalysisPayload extends JobRequester {
  assessmentId: number;
}

/** Report workbooks for every school with results, and the city's, built in one job with progress. */
export interface LiteracyReportsPayload extends JobRequester {
  assessmentId: number;
}

/** Anchor-item linking of an assessment to its base (the request, with its options, is stored in literacy_links). */
export interface LiteracyLinkPayload extends JobRequester {
  assessmentId: number;
}

export interface ConsentRemindPayload extends JobRequester {
  /** The day (YYYY-MM-DD, Seoul) reminders count from; omitted: today when the job runs. */
  day?: string;
}

/** The monthly review of the access log for the privacy officer, stored as a workbook. */
export interface PrivacyReviewPayload extends JobRequester {
  /** The Seoul calendar month (YYYY-MM); omitted: the month before the one the job runs in. */
  month?: string;
}

/** The daily destruction of personal data past its retention (개인정보 보호법 제21조), by the active, approved rules. */
export type PrivacyDestructionPayload = JobRequester;

/** 조례 제4조: the plan indicators' values at a quarter of a school year, for the city and each district office. */
export interface PlanIndicatorSnapshotPayload extends JobRequester {
  /** Omitted: the school year and quarter (Q1 Mar–May … Q4 Dec–Feb) the job runs in. */
  schoolYear?: number;
  quarter?: number;
}

/** The council's annual report (연차 보고서) of one yearly plan, as XLSX and a printable A4 page, from the snapshots. */
export interface PlanAnnualReportPayload extends JobRequester {
  planId: number;
  schoolYear: number;
}

export interface JobPayloads {
  [JobName.ClassroomExport]: ClassroomExportPayload;
  [JobName.DesignationTermEnd]: DesignationTermEndPayload;
  [JobName.BadgeIssuance]: BadgeIssuancePayload;
  [JobName.SurveyAggregate]: SurveyAggregatePayload;
  [JobName.SurveyLifecycle]: SurveyLifecyclePayload;
  [JobName.SurveyDistribute]: SurveyDistributePayload;
  [JobName.SurveyRemind]: SurveyRemindPayload;
  [JobName.SurveyReportExport]: SurveyReportExportPayload;
  [JobName.LiteracyAnalysis]: LiteracyAnalysisPayload;
  [JobName.LiteracyReports]: LiteracyReportsPayload;
  [JobName.LiteracyLink]: LiteracyLinkPayload;
  [JobName.ConsentRemind]: ConsentRemindPayload;
  [JobName.PrivacyReview]: PrivacyReviewPayload;
  [JobName.PrivacyDestruction]: PrivacyDestructionPayload;
  [JobName.PlanIndicatorSnapshot]: PlanIndicatorSnapshotPayload;
  [JobName.PlanAnnualReport]: PlanAnnualReportPayload;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ClassroomExport]: QueueName.Exports,
  [JobName.DesignationTermEnd]: QueueName.Designations,
  [JobName.BadgeIssuance]: QueueName.Badges,
  [JobName.SurveyAggregate]: QueueName.Surveys,
  [JobName.SurveyLifecycle]: QueueName.Surveys,
  [JobName.SurveyDistribute]: QueueName.Surveys,
  [JobName.SurveyRemind]: QueueName.Surveys,
  [JobName.SurveyReportExport]: QueueName.Exports,
  [JobName.LiteracyAnalysis]: QueueName.Literacy,
  [JobName.LiteracyReports]: QueueName.Literacy,
  [JobName.LiteracyLink]: QueueName.Literacy,
  [JobName.ConsentRemind]: QueueName.Consent,
  [JobName.PrivacyReview]: QueueName.Privacy,
  [JobName.PrivacyDestruction]: QueueName.Privacy,
  [JobName.PlanIndicatorSnapshot]: QueueName.Exports,
  [JobName.PlanAnnualReport]: QueueName.Exports,
};

/** Recurring work (cron in Seoul time); the worker upserts these schedulers when it starts. */
export const JOB_SCHEDULES: { name: JobName; schedulerId: string; cron: string }[] = [
  { name: JobName.DesignationTermEnd, schedulerId: 'designation-term-end-daily', cron: '5 0 * * *' },
  { name: JobName.SurveyLifecycle, schedulerId: 'survey-lifecycle', cron: '*/5 * * * *' },
  { name: JobName.SurveyRemind, schedulerId: 'survey-remind-daily', cron: '0 9 * * *' },
  { name: JobName.ConsentRemind, schedulerId: 'consent-remind-daily', cron: '30 8 * * *' },
  { name: JobName.PrivacyReview, schedulerId: 'privacy-review-monthly', cron: '0 6 1 * *' },
  { name: JobName.PrivacyDestruction, schedulerId: 'privacy-destruction-daily', cron: '30 2 * * *' },
  { name: JobName.PlanIndicatorSnapshot, schedulerId: 'plan-indicator-snapshot-quarterly', cron: '0 4 28 2,5,8,11 *' },
];

/** What a handler returns; stored by BullMQ as the job's return value and shown by GET /jobs/:id. */
export interface JobResult {
  fileId?: string;
  summary?: Record<string, unknown>;
}

export const ALL_QUEUES = Object.values(QueueName);
export const ALL_JOB_NAMES = Object.values(JobName);
