import { ApiProperty } from '@nestjs/swagger';
import type { AnswerValue } from '../engine/answer-value';
import { ANSWERS_SCHEMA, SurveyDefinitionDto } from '../templates/template-responses.dto';

/** The form behind a respondent's code. */
export class SurveyRespondFormDto {
  /** The campaign's title. */
  title: string;
  /** The frozen template version to answer. */
  definition: SurveyDefinitionDto;

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  closesAt: string;

  /** The saved draft, by question id ({} without one). */
  @ApiProperty(ANSWERS_SCHEMA)
  draft: Record<string, AnswerValue>;
}

/** A draft saved: the answers as stored (blank answers left out). */
export class SurveyDraftSavedDto {
  @ApiProperty({ enum: [true] })
  saved: true;

  @ApiProperty(ANSWERS_SCHEMA)
  answers: Record<string, AnswerValue>;
}

/** An anonymous response: nothing in it leads back to the code. */
export class SurveySubmittedResponseDto {
  responseId: string;

  /** The day of submission only (no time, so that an answer cannot be matched to a moment). */
  @ApiProperty({ format: 'date' })
  submittedOn: string;

  /** True when a retry with the same idempotency key got the first submission back. */
  repeated: boolean;
}
