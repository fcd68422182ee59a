import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, seoulToday, SurveyDistributePayload, SurveyLifecyclePayload, SurveyRemindPayload } from '@app/core';
import { SurveyDistribution } from './distribution.service';
import { SurveyLifecycle } from './lifecycle.service';
import { SurveyReminders } from './reminders.service';

@Injectable()
@JobHandler(JobName.SurveyDistribute)
export class SurveyDistributeJob implements HandlesJob<JobName.SurveyDistribute> {
  constructor(private readonly distribution: SurveyDistribution) {}

  async handle(job: Job<SurveyDistributePayload>): Promise<JobResult> {
    return { summary: await this.distribution.distribute(job.data.campaignId) };
  }
}

/** Every five minutes: distribute what has opened, aggregate what has closed. */
@Injectable()
@JobHandler(JobName.SurveyLifecycle)
export class SurveyLifecycleJob implements HandlesJob<JobName.SurveyLifecycle> {
  constructor(private readonly lifecycle: SurveyLifecycle) {}


  async handle(_job: Job<SurveyLifecyclePayload>): Promise<JobResult> {
    return { summary: await this.lifecycle.sweep() };
  }
}

/** Daily at 09:00 Seoul time, and when an administrator asks for one campaign. */
@Injectable()
@JobHandler(JobName.SurveyRemind)
export class SurveyRemindJob implements HandlesJob<JobName.SurveyRemind> {
  constructor(private readonly reminders: SurveyReminders) {}


  async handle(job: Job<SurveyRemindPayload>): Promise<JobResult> {
    return { summary: await this.reminders.remind(job.data.day ?? seoulToday(), job.data.campaignId, job.data.office) };
  }
}
