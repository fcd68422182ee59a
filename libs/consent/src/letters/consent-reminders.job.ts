import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ConsentRemindPayload, HandlesJob, JobHandler, JobName, JobQueue, JobResult, SCHEDULER, seoulToday } from '@app/core';
import { ConsentReminders } from './consent-reminders.service';

/** Daily at 08:30 Seoul time, before classes. */
@Injectable()
@JobHandler(JobName.ConsentRemind)
export class ConsentRemindJob implements HandlesJob<JobName.ConsentRemind>, OnApplicationBootstrap {
  constructor(
    private readonly reminders: ConsentReminders,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(JobName.ConsentRemind, 'consent-remind-daily', '30 8 * * *', { requestedBy: SCHEDULER });
  }

  async handle(job: Job<ConsentRemindPayload>): Promise<JobResult> {
    return { summary: await this.reminders.remind(job.data.day ?? seoulToday()) };
  }
}
