import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { AUDIENCES } from '../campaigns/campaign.dto';
import type { Audience } from '../campaigns/campaign-responses.dto';
import { SurveyDefinitionDto } from '../templates/template-responses.dto';

export const REPORT_LEVELS = ['city', 'office', 'district', 'school'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

/** Figures of one question in one group of respondents. */
export class SurveyQuestionFiguresDto {
  /** Respondents who answered the question. */
  answered: number;

  /** Likert and choice questions: how many respondents gave each value. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' } })
  counts?: Record<string, number>;

  /** Likert and numeric questions. */
  mean?: number | null;
  /** Likert and numeric questions; null below 2 answers. */
  sd?: number | null;

  /** Ranking questions: the mean position (1 = first) each option was given. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  meanRank?: Record<string, number>;
}

/**
 * A group of respondents: the city, a 교육지원청, a district or a school. A withheld group (fewer
 * respondents than the threshold, or hidden so that a small sibling cannot be derived) keeps only
 * level, key and name, with `suppressed: true` and the reason.
 */
export class SurveyReportGroupDto {
  @ApiProperty({ enum: REPORT_LEVELS })
  level: ReportLevel;

  /** 'all', an office code, a district name or a school id. */
  key: string;
  /** The group's Korean name. */
  name: string;
  suppressed: boolean;

  /** Withheld groups only. */
  @ApiPropertyOptional({ enum: ['small_cell', 'complementary'] })
  reason?: 'small_cell' | 'complementary';

  /** Respondents (absent when withheld). */
  n?: number;

  /** By question id (absent when withheld). */
  // SurveyQuestionFiguresDto reaches components.schemas through @ApiExtraModels on SurveyReportsController.
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(SurveyQuestionFiguresDto) } })
  questions?: Record<string, SurveyQuestionFiguresDto>;
}

/** The stored snapshot at one level, as the caller may see it. */
export class SurveyReportDto {
  @ApiProperty({ format: 'date-time' })
  computedAt: string;

  /** Groups under this many respondents are withheld (a school-level survey withholds none). */
  threshold: number;

  @ApiProperty({ enum: AUDIENCES })
  audience: Audience;

  /** The frozen template version the answers were given to. */
  definition: SurveyDefinitionDto;

  @ApiProperty({ enum: REPORT_LEVELS })
  level: ReportLevel;

  groups: SurveyReportGroupDto[];
}
