import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ConsentRemindPayload, HandlesJob, JobHandler, JobName, JobResult, seoulToday } from '@app/core';
import { ConsentReminders } from './consent-reminders.service';

/** Daily at 08:30 Seoul time, before classes. */
@Injectable()
@JobHandler(JobName.ConsentRemind)
export class ConsentRemindJob implements HandlesJob<JobName.ConsentRemind> {
  constructor(private readonly reminders: ConsentReminders) {}


  async handle(job: Job<ConsentRemindPayload>): Promise<JobResult> {
    return { summary: await this.reminders.remind(job.data.day ?? seoulToday()) };
  }
}
