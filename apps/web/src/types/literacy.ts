// AI·디지털 리터러시 진단검사 (libs/literacy): assessments, the analysis and the reports.

import type { HistogramBin, ItemStatistics as EngineItemStatistics, ReviewReason, TestStatistics as EngineTestStatistics } from '../../../../libs/literacy/src/analysis/ctt';
import type { DistractorAnalysis, OptionCount } from '../../../../libs/literacy/src/analysis/distractors';
import type { CutScore, LevelDistribution } from '../../../../libs/literacy/src/analysis/levels';
import type { ItemType } from '../../../../libs/literacy/src/analysis/types';
import type { QueueJob, QueueJobState } from './common';

/*
 * The statistics are the analysis engine's own types (pure TypeScript, no NestJS), as the analysis
 * job stores them; the rest mirrors the literacy routes' answers.
 */
export type { CutScore, DistractorAnalysis, HistogramBin, OptionCount, ReviewReason };

export type LiteracyPhase = 'pilot' | 'main';
export type LiteracyItemType = ItemType;

/** A competency area (GET /literacy/areas). */
export interface LiteracyArea {
  code: string;
  name: string;
}

export interface LiteracyItem {
  id: string;
  position: number;
  area: string;
  type: LiteracyItemType;
  maxScore: number;
  /** Choice items: the accepted option(s); absent when the platform or a rater gives the score. */
  key?: string[];
  options: string[] | null;
  dropped: boolean;
  droppedReason: string | null;
}

export interface LiteracyAssessment {
  id: number;
  name: string;
  schoolYear: number;
  phase: LiteracyPhase;
  /** Year of schooling 1–12 (초5 = 5, 중2 = 8, 고1 = 10). */
  grade: number;
  forms: string[];
  cutScores: CutScore[];
  minDiscrimination: number;
  minFacility: number;
  maxFacility: number;
  results: number;
  analysedAt: string | null;
  items: LiteracyItem[];
}

export interface LiteracyAssessmentListItem {
  id: number;
  name: string;
  schoolYear: number;
  phase: LiteracyPhase;
  grade: number;
  items: number;
  results: number;
  analysedAt: string | null;
}

export interface LiteracyItemInput {
  id: string;
  area: string;
  type: LiteracyItemType;
  maxScore?: number;
  key?: string[];
  options?: string[];
}

export interface LiteracyAssessmentInput {
  name: string;
  schoolYear: number;
  phase: LiteracyPhase;
  grade: number;
  items: LiteracyItemInput[];
  cutScores: CutScore[];
}

/** POST assessments/:id/results/import. */
export interface LiteracyImportResult {
  batchId: number;
  format: 'csv' | 'xlsx' | 'qti';
  received: number;
  inserted: number;
  replaced: number;
  studentsCreated: number;
  analysisJobId: string;
}

/** A job the literacy routes start (analysis, report build). */
export interface LiteracyStartedJob {
  jobId: string;
  deduplicated: boolean;
}

/** GET /api/v1/jobs/:id for the analysis and report jobs (progress 0–100). */
export interface LiteracyJobStatus extends QueueJob<QueueJobState | 'prioritized' | 'unknown', number | null> {
  result: { summary?: Record<string, unknown> } | null;
}

export type RaschItem = { difficulty: number | null; se: number | null; thresholds: { step: number; estimate: number | null; se: number | null }[] } | { excluded: string | null };

/** One item as the analysis job stores it: the classical statistics, review flags, distractors and Rasch estimate. */
export interface ItemStatistics extends EngineItemStatistics {
  flags: ReviewReason[];
  /** Choice items only. */
  distractors: DistractorAnalysis | null;
  rasch: RaschItem;
}

export interface TestStatistics extends EngineTestStatistics {
  /** Responses that could not be scored (counted as no score). */
  scoringProblems: number;
}

export interface RaschFit {
  method: string;
  converged: boolean;
  iterations: number;
  sigma: number | null;
  sigmaSE: number | null;
  logLikelihood: number | null;
}

export type LevelCount = LevelDistribution;

/** GET assessments/:id/analysis: `computedAt` null (and nothing else) before the first analysis. */
export interface LiteracyAnalysis {
  computedAt: string | null;
  students?: number;
  test?: TestStatistics;
  items?: ItemStatistics[];
  rasch?: RaschFit | null;
  levels?: LevelCount[];
}

/** A group's figures; a group under 5 students (or hidden so one cannot be derived) keeps only its name. */
export type GroupFigures =
  | {
      key: string;
      name: string;
      suppressed: false;
      n: number;
      mean: number;
      sd: number | null;
      /** { level: students } */
      levels: Record<string, number>;
      /** { area code: mean percent } */
      areas: Record<string, number>;
    }
  | { key: string; name: string; suppressed: true; reason: 'small_cell' | 'complementary' };

export type CityReportBy = 'office' | 'district' | 'level';

interface ReportAssessment {
  id: number;
  name: string;
  grade: number;
  cutScores: CutScore[];
}

export interface LiteracyCityReport {
  assessment: ReportAssessment & { schoolYear: number; phase: LiteracyPhase };
  /** area code → name */
  areas: Record<string, string>;
  city: GroupFigures | null;
  by: CityReportBy;
  groups: GroupFigures[];
  analysis: LiteracyAnalysis;
}

export interface LiteracySchoolReport {
  assessment: ReportAssessment;
  areas: Record<string, string>;
  school: GroupFigures;
  office: GroupFigures | null;
  city: GroupFigures | null;
  classes: GroupFigures[];
}

export interface ClassStudent {
  id: number;
  code: string;
  total: number;
  percent: number;
  level: string | null;
}

export interface LiteracyClassReport {
  assessment: ReportAssessment;
  schoolId: number;
  classNo: number;
  group: GroupFigures;
  /** null while the class is withheld. */
  items: { id: string; area: string; dropped: boolean; facility: number | null; cityFacility: number | null }[] | null;
  students: ClassStudent[];
}

export type AreaJudgement = 'strength' | 'weakness' | 'typical';

/** A comparison group's size and mean; n and mean null when withheld. */
export interface GroupMean {
  n: number | null;
  mean: number | null;
  suppressed: boolean;
}

export interface LiteracyStudentReport {
  assessment: ReportAssessment & { schoolYear: number };
  student: { id: number; code: string; grade: number; classNo: number | null; schoolId: number; schoolName: string };
  total: number;
  percent: number;
  level: string | null;
  ability: number | null;
  abilitySe: number | null;
  areas: { area: string; name: string; percent: number | null; schoolMean: number | null; cityMean: number | null; judgement: AreaJudgement | null }[];
  school: GroupMean | null;
  city: GroupMean | null;
}

/** A built report workbook; schoolId 0 is the city's. */
export interface LiteracyReportFile {
  schoolId: number;
  name: string;
  builtAt: string;
  bytes: number;
}
