import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject } from 'class-validator';

export const SURVEY_KINDS = ['status', 'satisfaction', 'demand', 'ethics'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export class CreateTemplateDto {
  @ApiProperty({ enum: SURVEY_KINDS, description: '실태조사, 만족도, 수요조사, AI 윤리 준수' })
  @IsIn(SURVEY_KINDS)
  kind: SurveyKind;

  @ApiProperty({ description: 'The template: { title, sections: [{ id, title, questions: [...] }] }; checked by the survey engine' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class UpdateTemplateDto {
  @ApiProperty({ description: 'The whole new definition; a new version is made only if it differs' })
  @IsObject()
  definition: Record<string, unknown>;
}
