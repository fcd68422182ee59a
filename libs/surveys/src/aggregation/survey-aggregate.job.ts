import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, SurveyAggregatePayload } from '@app/core';
import { SurveyAggregationService } from './survey-aggregation.service';

@Injectable()
@JobHandler(JobName.SurveyAggregate)
export class SurveyAggregateJob implements HandlesJob<JobName.SurveyAggregate> {
  constructor(private readonly aggregation: SurveyAggregationService) {}

  async handle(job: Job<SurveyAggregatePayload>): Promise<JobResult> {
    return { summary: await this.aggregation.recompute(job.data.campaignId) };
  }
}
