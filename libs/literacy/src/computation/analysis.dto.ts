import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RaschExclusionReason } from '../analysis/rasch';
import type { ReviewReason } from '../analysis/ctt';
import { ITEM_TYPES } from '../assessments/assessment.dto';
import type { ItemKind } from '../assessments/assessment-responses.dto';
import { LiteracyDifDto } from '../bank/bank.dto';

/*
 * The analysis as the analysis job stores it (literacy_analyses): the engine's statistics
 * (libs/literacy/src/analysis), rounded to 4 places, non-finite values as null.
 */

export const REVIEW_REASONS = ['low-discrimination', 'too-hard', 'too-easy', 'no-variance', 'no-answers'] as const;
export const RASCH_EXCLUSIONS = ['dropped', 'no-responses', 'extreme', 'unobserved-category'] as const;

export class LiteracyHistogramBinDto {
  /** Scores s with from ≤ s < to. */
  from: number;
  to: number;
  count: number;
}

export class LiteracyTestStatisticsDto {
  /** Students. */
  n: number;
  /** Scored (not dropped) items. */
  nItems: number;
  maxScore: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Cronbach's alpha over the scored items; null below 2 items or 2 students, or with no variance. */
  alpha: number | null;
  /** Students alpha was computed on. */
  alphaN: number;
  /** SD·√(1 − α). */
  sem: number | null;
  histogram: LiteracyHistogramBinDto[];
  /** Responses that could not be scored (counted as no score). */
  scoringProblems: number;
}

export class LiteracyOptionCountDto {
  option: string;
  isKey: boolean;
  count: number;
  /** count ÷ students who answered the item; null when nobody did. */
  proportion: number | null;
  /** Mean total score of the students who chose the option. */
  meanTotal: number | null;
}

export class LiteracyDistractorAnalysisDto {
  itemId: string;
  n: number;
  answered: number;
  omitted: number;
  options: LiteracyOptionCountDto[];
}

export class LiteracyRaschThresholdDto {
  /** Step k: from score k−1 to k. */
  step: number;
  estimate: number | null;
  se: number | null;
}

/** The item's Rasch / partial credit estimate, or why it was left out of the fit (`excluded`). */
export class LiteracyRaschItemEstimateDto {
  /** δ for a dichotomous item; the mean step difficulty for a partial-credit item. Absent when excluded. */
  difficulty?: number | null;
  se?: number | null;
  thresholds?: LiteracyRaschThresholdDto[];

  /** true when the item was an anchor held at its bank value (linked assessment, fixed-parameter calibration). */
  anchored?: boolean;

  /** Only for an item left out of the fit (null when no fit ran). */
  @ApiPropertyOptional({ enum: RASCH_EXCLUSIONS, nullable: true })
  excluded?: RaschExclusionReason | null;
}

export class LiteracyItemAnalysisDto {
  id: string;
  area: string;

  @ApiProperty({ enum: ITEM_TYPES })
  type: ItemKind;

  maxScore: number;
  dropped: boolean;
  /** Students in the analysis. */
  n: number;
  /** Students with a score on the item. */
  nAnswering: number;
  nMissing: number;
  mean: number | null;
  sd: number | null;
  /** mean ÷ maxScore. */
  facility: number | null;
  /** Item–rest correlation. */
  discrimination: number | null;
  discriminativeEfficiency: number | null;

  /** Review flags (a pilot item to look at). */
  @ApiProperty({ enum: REVIEW_REASONS, isArray: true })
  flags: ReviewReason[];

  /** Choice items only. */
  distractors: LiteracyDistractorAnalysisDto | null;
  rasch: LiteracyRaschItemEstimateDto;

  /** Rasch infit / outfit mean squares and their ZSTD (null when the item was not calibrated; absent in older analyses). */
  infit?: number | null;
  outfit?: number | null;
  infitZ?: number | null;
  outfitZ?: number | null;
  /** Infit or outfit MNSQ outside 0.7–1.3. */
  fitFlag?: boolean | null;
  /** Mantel–Haenszel DIF by sex, school level and district office where the data allow (each group ≥ 100). */
  dif?: LiteracyDifDto[];
}

export class LiteracyRaschFitDto {
  /** The method in English words, e.g. 'MML (Newton–Raphson, Louis information), θ ~ N(0, σ²), σ estimated, 41-point Gauss–Hermite; abilities EAP and WLE'. */
  method: string;
  /** Marginal maximum likelihood (Newton–Raphson with Louis information). Absent in analyses run before it was recorded. */
  @ApiProperty({ enum: ['MML'], required: false })
  estimation?: 'MML';
  /** Whether σ of the ability distribution θ ~ N(0, σ²) was estimated (false: fixed). Absent in older analyses. */
  sigmaEstimated?: boolean;
  /** Nodes of the Gauss–Hermite quadrature. Absent in older analyses. */
  quadraturePoints?: number;
  /** How each student's ability is estimated. Absent in older analyses. */
  @ApiProperty({ enum: ['EAP', 'WLE'], isArray: true, required: false })
  abilityEstimates?: ('EAP' | 'WLE')[];
  converged: boolean;
  iterations: number;
  /** Mean of θ: 0 unless anchors were fixed (a linked assessment: its mean on the base's scale). Absent in older analyses. */
  mean?: number | null;
  meanSE?: number | null;
  /** Whether anchors were held fixed (the mean then estimated). Absent in older analyses. */
  anchored?: boolean;
  sigma: number | null;
  sigmaSE: number | null;
  logLikelihood: number | null;
}

export class LiteracyLevelCountDto {
  level: string;
  count: number;
  /** count ÷ students with a level. */
  proportion: number | null;
}

export class LiteracyRawScorePointDto {
  rawScore: number;
  /** WLE θ̂ of the raw score on the full form. */
  theta: number | null;
  /** Conditional SEM of θ̂ at that score. */
  se: number | null;
}

export class LiteracyInformationPointDto {
  theta: number;
  information: number | null;
  se: number | null;
}

export class LiteracyPersonSeparationDto {
  n: number;
  reliability: number | null;
  separation: number | null;
}

export class LiteracyReliabilityDto {
  alpha: number | null;
  /** Rasch person separation reliability (WLE); null without a fit. */
  personSeparation: LiteracyPersonSeparationDto | null;
}

export class LiteracyPersonFitDto {
  n: number;
  misfitting: number;
  rule: string;
}

export class LiteracyFitSummaryDto {
  range: number[];
  /** Items outside the range. */
  flagged: string[];
  persons: LiteracyPersonFitDto;
}

export class LiteracyDifComparisonDto {
  @ApiProperty({ enum: ['sex', 'schoolLevel', 'districtOffice'] })
  group: 'sex' | 'schoolLevel' | 'districtOffice';
  reference: string;
  focal: string;
  nReference: number;
  nFocal: number;
}

export class LiteracyDifFlagDto {
  itemId: string;
  @ApiProperty({ enum: ['sex', 'schoolLevel', 'districtOffice'] })
  group: 'sex' | 'schoolLevel' | 'districtOffice';
  focal: string;
  mhDDif: number | null;
  @ApiProperty({ enum: ['A', 'B-', 'B+', 'C-', 'C+'], nullable: true })
  ets: 'A' | 'B-' | 'B+' | 'C-' | 'C+' | null;
}

export class LiteracyDifSummaryDto {
  minGroupSize: number;
  comparisons: LiteracyDifComparisonDto[];
  /** Items in ETS category B or C in some comparison. */
  flagged: LiteracyDifFlagDto[];
}

export class LiteracyAnalysisLinkDto {
  baseAssessmentId: number;
  /** Anchors held at their bank values. */
  anchors: string[];
  se: number | null;
}

export class LiteracyAnalysisScaleLevelDto {
  level: string;
  count: number;
  proportion: number | null;
}

export class LiteracyAnalysisScaleCutDto {
  level: string;
  theta: number | null;
  scaleScore: number | null;
  /** The cut on this form's raw score (the lowest raw score whose WLE θ̂ reaches it); null when no score does. */
  raw: number | null;
}

/** The assessment on its grade's reporting scale (EAP abilities). */
export class LiteracyAnalysisScaleDto {
  baseAssessmentId: number;
  slope: number;
  intercept: number;
  cuts: LiteracyAnalysisScaleCutDto[];
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  levels: LiteracyAnalysisScaleLevelDto[];
}

/** Fit, DIF, precision and scale of the analysis (issue 18). */
export class LiteracyMeasurementDto {
  fit: LiteracyFitSummaryDto;
  dif: LiteracyDifSummaryDto;
  reliability: LiteracyReliabilityDto;
  /** Raw score → θ with the conditional SEM per score point. */
  rawScores: LiteracyRawScorePointDto[];
  /** Test information function on a θ grid from −4 to 4. */
  information: LiteracyInformationPointDto[];
  /** Present when the assessment is linked to a base. */
  linked: LiteracyAnalysisLinkDto | null;
  /** Present when the assessment is on its grade's reporting scale. */
  scale: LiteracyAnalysisScaleDto | null;
}

/** `computedAt` null (and nothing else) before the first analysis. */
export class LiteracyAnalysisDto {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  computedAt: string | null;

  students?: number;
  test?: LiteracyTestStatisticsDto;
  items?: LiteracyItemAnalysisDto[];
  /** null when there was nothing to fit (under 2 students or no scored item). */
  rasch?: LiteracyRaschFitDto | null;
  levels?: LiteracyLevelCountDto[];
  /** Absent (null) in analyses run before fit and DIF were computed. */
  measurement?: LiteracyMeasurementDto | null;
}
