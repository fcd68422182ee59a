import { Module } from '@nestjs/common';
import { SurveyTemplatesController } from './templates/survey-templates.controller';
import { SurveyTemplatesService } from './templates/survey-templates.service';

/** 조례 제6조 surveys. So far: templates with frozen versions (campaigns, codes, responses and jobs follow). */
@Module({
  controllers: [SurveyTemplatesController],
  providers: [SurveyTemplatesService],
  exports: [SurveyTemplatesService],
})
export class SurveysModule {}
