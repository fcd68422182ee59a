import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES, SHOW_IF_OPERATORS, type QuestionType, type ShowIfOperator } from '../engine/template';
import { SURVEY_KINDS, type SurveyKind } from './template.dto';

/*
 * What the survey routes answer with, as classes the @nestjs/swagger plugin reads. A template's
 * definition is the survey engine's SurveyTemplate (libs/surveys/src/engine/template.ts), checked
 * on every write, so its shape is fixed and described here in full.
 */

/** An answer as the engine stores it: likert5/numeric a number, single/text a string, multiple/ranking a list of option values. */
export const ANSWER_VALUE_SCHEMA = {
  oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

/** Answers keyed by question id. */
export const ANSWERS_SCHEMA = { type: 'object', additionalProperties: ANSWER_VALUE_SCHEMA } as const;

export class SurveyChoiceOptionDto {
  /** Stored in answers and aggregated on. */
  value: string;
  /** Shown to respondents (Korean). */
  label: string;
}

/** Show the question only when an earlier question's answer satisfies this condition. */
export class SurveyShowIfDto {
  questionId: string;

  @ApiProperty({ enum: SHOW_IF_OPERATORS })
  operator: ShowIfOperator;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  value: string | number;
}

export class SurveyQuestionDto {
  /** Stable slug: answers, exports and aggregates are keyed by it across versions. */
  id: string;
  /** Question text (Korean). */
  text: string;
  required: boolean;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  /** single / multiple / ranking: the options. */
  options?: SurveyChoiceOptionDto[];
  /** numeric: inclusive lower bound. */
  min?: number;
  /** numeric: inclusive upper bound. */
  max?: number;
  /** numeric: only whole numbers. */
  integer?: boolean;
  /** short_text / long_text: the limit in Unicode code points. */
  maxLength?: number;
  /** multiple: least options to tick. */
  minSelections?: number;
  /** multiple: most options to tick. */
  maxSelections?: number;
  showIf?: SurveyShowIfDto;
}

export class SurveySectionDto {
  id: string;
  title: string;
  questions: SurveyQuestionDto[];
}

/** A template version's definition (the survey engine's SurveyTemplate). */
export class SurveyDefinitionDto {
  /** Survey title (Korean). */
  title: string;
  sections: SurveySectionDto[];
}

export class TemplateVersionSummaryDto {
  version: number;
  /** SHA-256 of the canonical definition: a campaign freezes the version with this fingerprint. */
  fingerprint: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SurveyTemplateDto {
  id: number;

  @ApiProperty({ enum: SURVEY_KINDS })
  kind: SurveyKind;

  /** A school's own demand-survey template; null for the office's templates. */
  ownerSchoolId: number | null;
  /** The latest version's title. */
  title: string;
  latestVersion: number;
  /** Every version, oldest first. */
  versions: TemplateVersionSummaryDto[];
  /** The latest version's definition. */
  definition: SurveyDefinitionDto;
}

/** One frozen version of a template. */
export class SurveyTemplateVersionDto {
  templateId: number;

  @ApiProperty({ enum: SURVEY_KINDS })
  kind: SurveyKind;

  version: number;
  fingerprint: string;
  definition: SurveyDefinitionDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
