import { ApiProperty } from '@nestjs/swagger';
import { JobAcceptedDto } from '@app/core';
import { CutScoreDto, ITEM_TYPES, PHASES } from './assessment.dto';

export type Phase = (typeof PHASES)[number];
export type ItemKind = (typeof ITEM_TYPES)[number];

/** A competency area (AI understanding, AI use, AI ethics, digital literacy, …). */
export class LiteracyAreaDto {
  code: string;
  /** Korean. */
  name: string;
}

export class LiteracyAssessmentSummaryDto {
  id: number;
  name: string;
  schoolYear: number;

  @ApiProperty({ enum: PHASES })
  phase: Phase;

  /** Year of schooling 1–12 (초5 = 5, 중2 = 8, 고1 = 10). */
  grade: number;
  /** Number of items. */
  items: number;
  /** Students with results. */
  results: number;

  /** When the analysis last ran; null before the first. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  analysedAt: string | null;
}

export class LiteracyAssessmentListDto {
  /** Newest school year first. */
  items: LiteracyAssessmentSummaryDto[];
}

export class LiteracyAssessmentItemDto {
  id: string;
  /** 0-based, the item's column in result files. */
  position: number;
  /** Competency area code. */
  area: string;

  @ApiProperty({ enum: ITEM_TYPES })
  type: ItemKind;

  maxScore: number;
  /** Choice items: the accepted option(s). Only administrators see it; absent for items scored by the platform or a rater. */
  key?: string[];
  /** Choice items: every option; null when not given. */
  options: string[] | null;
  /** Left out of scoring after review. */
  dropped: boolean;
  droppedReason: string | null;
}

export class LiteracyAssessmentDto {
  id: number;
  name: string;
  schoolYear: number;

  @ApiProperty({ enum: PHASES })
  phase: Phase;

  /** Year of schooling 1–12. */
  grade: number;
  forms: string[];
  /** Levels by the lowest percentage of the maximum score, ascending. */
  cutScores: CutScoreDto[];
  minDiscrimination: number;
  minFacility: number;
  maxFacility: number;
  /** Students with results. */
  results: number;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  analysedAt: string | null;

  items: LiteracyAssessmentItemDto[];
}

/** An item dropped or restored, or new cut scores: the assessment now, and the analysis job that follows. */
export class LiteracyAssessmentChangeDto {
  assessment: LiteracyAssessmentDto;
  analysis: JobAcceptedDto;
}

/** Results imported, all or nothing. */
export class LiteracyResultsImportDto {
  batchId: number;

  @ApiProperty({ enum: ['csv', 'xlsx', 'qti'] })
  format: 'csv' | 'xlsx' | 'qti';

  /** Students in the file. */
  received: number;
  /** New results. */
  inserted: number;
  /** Results that replaced a student's earlier one. */
  replaced: number;
  /** Students new to the roster. */
  studentsCreated: number;
  /** The analysis job written with the results (GET /api/v1/jobs/{id}). */
  analysisJobId: string;
}

export class LiteracySchoolWithResultsDto {
  id: number;
  name: string;
  district: string;
  /** The 교육지원청's code. */
  office: string;
  /** Students with results. */
  students: number;
}

export class LiteracySchoolsWithResultsDto {
  items: LiteracySchoolWithResultsDto[];
}
