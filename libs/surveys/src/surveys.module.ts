import { Module } from '@nestjs/common';
import { SurveyAggregateJob } from './aggregation/survey-aggregate.job';
import { SurveyAggregationService } from './aggregation/survey-aggregation.service';
import { SurveyReportsController } from './aggregation/survey-reports.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { RespondController } from './respond/respond.controller';
import { RespondService } from './respond/respond.service';
import { SurveyTemplatesController } from './templates/survey-templates.controller';
import { SurveyTemplatesService } from './templates/survey-templates.service';

/** 조례 제6조 surveys. So far: templates, campaigns, one-time codes, responses and the aggregate snapshot (distribution, reminders, XLSX and UI follow). */
const SERVICES = [SurveyTemplatesService, CampaignsService, RespondService, SurveyAggregationService];

@Module({
  controllers: [SurveyTemplatesController, CampaignsController, RespondController, SurveyReportsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class SurveysModule {}

/** Survey aggregation, for the worker. */
@Module({
  providers: [...SERVICES, SurveyAggregateJob],
})
export class SurveysJobsModule {}
