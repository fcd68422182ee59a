import { Module } from '@nestjs/common';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { RespondController } from './respond/respond.controller';
import { RespondService } from './respond/respond.service';
import { SurveyTemplatesController } from './templates/survey-templates.controller';
import { SurveyTemplatesService } from './templates/survey-templates.service';

/** 조례 제6조 surveys. So far: templates, campaigns, one-time codes and responses (jobs, reports and UI follow). */
@Module({
  controllers: [SurveyTemplatesController, CampaignsController, RespondController],
  providers: [SurveyTemplatesService, CampaignsService, RespondService],
  exports: [SurveyTemplatesService, CampaignsService],
})
export class SurveysModule {}
