import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsId } from '@app/core';

export class LinkAssessmentDto {
  @ApiProperty({ description: 'the calibrated assessment (same grade, sharing at least 3 scored items) whose scale this one is put on' })
  @IsId()
  baseAssessmentId: number;

  @ApiPropertyOptional({ description: 'drop anchors flagged as drifting and recompute (default false: drifting anchors are only reported)', default: false })
  @IsOptional()
  @IsBoolean()
  dropDrifting?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'anchors to leave out of the link by hand (e.g. a drifting one, after review)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, { each: true })
  dropAnchors?: string[];
}

export class LiteracyLinkAnchorDto {
  itemId: string;
  /** Difficulty (logits) on the base's scale (the bank value). */
  bank: number;
  /** Difficulty from the assessment's own free calibration. */
  current: number;
  /** bank − current, before the linking constant. */
  difference: number;
  /** Δb: bank − (current + mean–mean constant), in logits; drifting when |Δb| > 0.5 or |robust z| > 2.7. */
  displacement: number;
  robustZ: number;
  drifting: boolean;
  /** Rules that flagged the anchor: displacement (|Δb| > 0.5 logit), robust-z (|z| > 2.7). */
  @ApiProperty({ enum: ['displacement', 'robust-z'], isArray: true })
  rules: ('displacement' | 'robust-z')[];
  /** Whether the anchor was held fixed at its bank value (false: dropped by hand or as drifting). */
  used: boolean;
}

export class LiteracyMeanMeanLinkDto {
  /** Mean of the anchors' bank − current (logits). */
  constant: number;
  /** SD of those differences ÷ √n: the linking error from the choice of anchors. */
  se: number | null;
  /** Anchors in the constant. */
  n: number;
}

/**
 * The anchor link of an assessment to its base. `method` fixed-parameter: the assessment was
 * calibrated by MML with the anchors held at their bank values; `constant` is its population
 * mean on the base's θ scale (= the shift from its own free calibration, whose mean is 0), `se`
 * combines the MML standard error of that mean and the mean–mean linking error in quadrature.
 */
export class LiteracyLinkDto {
  assessmentId: number;
  baseAssessmentId: number;
  @ApiProperty({ enum: ['pending', 'done'] })
  status: 'pending' | 'done';
  @ApiProperty({ enum: ['fixed-parameter'], nullable: true })
  method: 'fixed-parameter' | null;
  constant: number | null;
  se: number | null;
  /** The MML standard error of the constant alone. */
  samplingSe: number | null;
  /** The mean–mean linking, as a check of the fixed-parameter constant. */
  meanMean: LiteracyMeanMeanLinkDto | null;
  anchors: LiteracyLinkAnchorDto[];
  /** Anchors left out (drifting with dropDrifting, or dropped by hand). */
  dropped: string[];
  dropDrifting: boolean;
  dropAnchors: string[];
  @ApiProperty({ type: 'string', format: 'date-time' })
  requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  computedAt: string | null;
}

export class LiteracyScaleCutDto {
  level: string;
  /** Lowest θ of the level (null: the first level, from −∞). */
  theta: number | null;
  /** The same on the reporting scale. */
  scaleScore: number | null;
  /** The base form's raw cut score it was translated from. */
  raw: number;
}

/** Scale score = θ × slope + intercept on the base assessment's θ scale (its population mean 0). */
export class LiteracyScaleDto {
  grade: number;
  slope: number;
  intercept: number;
  baseAssessmentId: number;
  cuts: LiteracyScaleCutDto[];
}

export class LiteracyTrendLevelDto {
  level: string;
  count: number;
  proportion: number;
}

export class LiteracyTrendPointDto {
  schoolYear: number;
  assessmentId: number;
  assessmentName: string;
  @ApiProperty({ enum: ['pilot', 'main'] })
  phase: 'pilot' | 'main';
  /** Whether the assessment reaches the scale by a link (false: it is the base). */
  linked: boolean;
  /** Students with an ability; null when withheld (under 5). */
  n: number | null;
  /** Mean scale score (EAP abilities); null when withheld. */
  mean: number | null;
  sd: number | null;
  /** slope × √(var/n + link SE²): sampling error and the error of the links to the base. */
  se: number | null;
  suppressed: boolean;
  /** Shares of the θ-defined levels; null when withheld. */
  levels: LiteracyTrendLevelDto[] | null;
}

/**
 * The trend of a grade on its common scale. The contract's array `[{ schoolYear, assessmentId,
 * mean, se, levels }]` is `points`; the scale's definition sits beside it in `scale` (null, with
 * no points, until an assessment of the grade is linked).
 */
export class LiteracyTrendDto {
  grade: number;
  scale: LiteracyScaleDto | null;
  @ApiProperty({ enum: ['city', 'office', 'school'] })
  group: 'city' | 'office' | 'school';
  /** 'all', an office code or a school id. */
  key: string;
  points: LiteracyTrendPointDto[];
}
