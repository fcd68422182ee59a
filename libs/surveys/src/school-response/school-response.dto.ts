import { ApiProperty } from '@nestjs/swagger';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../campaigns/campaign.dto';
import type { AnswerValue } from '../engine/answer-value';
import { ANSWERS_SCHEMA, SurveyDefinitionDto } from '../templates/template-responses.dto';

export class SurveySchoolSubmissionDto {
  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  /** The submitter's display name. */
  submittedBy: string;
}

/** A school-level survey as its school sees it: the form, the draft and, once submitted, the answer. */
export class SurveySchoolResponseDto {
  title: string;

  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status: CampaignStatus;

  definition: SurveyDefinitionDto;

  /** The school's saved draft ({} without one). */
  @ApiProperty(ANSWERS_SCHEMA)
  draft: Record<string, AnswerValue>;

  /** null until submitted. */
  submitted: SurveySchoolSubmissionDto | null;

  /** The submitted answers; null until submitted. */
  @ApiProperty({ ...ANSWERS_SCHEMA, nullable: true })
  answers: Record<string, AnswerValue> | null;
}

/** The school's answer, submitted once. */
export class SurveySchoolSubmittedDto {
  responseId: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  /** True when a retry with the same idempotency key got the first submission back. */
  repeated: boolean;
}
