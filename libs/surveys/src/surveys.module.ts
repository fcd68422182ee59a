import { Module } from '@nestjs/common';
import { SurveyAggregateJob } from './aggregation/survey-aggregate.job';
import { SurveyAggregationService } from './aggregation/survey-aggregation.service';
import { SurveyReportExportJob } from './aggregation/survey-report-export.job';
import { SurveyReportsController } from './aggregation/survey-reports.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { CodeBatches } from './campaigns/code-batches.service';
import { SurveyDistribution } from './operations/distribution.service';
import { SurveyLifecycle } from './operations/lifecycle.service';
import { SurveyProgress } from './operations/progress.service';
import { SurveyReminders } from './operations/reminders.service';
import { SurveyDistributeJob, SurveyLifecycleJob, SurveyRemindJob } from './operations/survey-operations.jobs';
import { RespondController } from './respond/respond.controller';
import { RespondService } from './respond/respond.service';
import { SchoolResponseController } from './school-response/school-response.controller';
import { SchoolResponseService } from './school-response/school-response.service';
import { SurveyTemplatesController } from './templates/survey-templates.controller';
import { SurveyTemplatesService } from './templates/survey-templates.service';

/** 조례 제6조 surveys: templates, campaigns, codes, answers, distribution, reminders, aggregation and reports. */
const SERVICES = [
  SurveyTemplatesService,
  CampaignsService,
  CodeBatches,
  RespondService,
  SchoolResponseService,
  SurveyAggregationService,
  SurveyProgress,
  SurveyDistribution,
  SurveyReminders,
  SurveyLifecycle,
];

@Module({
  controllers: [SurveyTemplatesController, CampaignsController, SchoolResponseController, RespondController, SurveyReportsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class SurveysModule {}

/** Survey distribution, reminders, aggregation and report exports, for the worker. */
@Module({
  providers: [...SERVICES, SurveyAggregateJob, SurveyDistributeJob, SurveyLifecycleJob, SurveyRemindJob, SurveyReportExportJob],
})
export class SurveysJobsModule {}
