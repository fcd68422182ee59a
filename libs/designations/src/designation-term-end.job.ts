import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DesignationTermEndPayload, HandlesJob, JobHandler, JobName, JobQueue, JobResult, SCHEDULER, seoulToday } from '@app/core';
import { DesignationsService } from './designations.service';

/** Ends designations whose term is over; scheduled daily just after midnight, Seoul time. */
@Injectable()
@JobHandler(JobName.DesignationTermEnd)
export class DesignationTermEndJob implements HandlesJob<JobName.DesignationTermEnd>, OnApplicationBootstrap {
  private readonly logger = new Logger('DesignationTermEnd');

  constructor(
    private readonly designations: DesignationsService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(JobName.DesignationTermEnd, 'designation-term-end-daily', '5 0 * * *', { requestedBy: SCHEDULER });
  }

  async handle(job: Job<DesignationTermEndPayload>): Promise<JobResult> {
    const today = job.data.asOf ?? seoulToday();
    const ended = await this.designations.endExpiredTerms(today);
    if (ended.length) this.logger.log({ msg: 'designation terms ended', today, ids: ended });
    return { summary: { today, ended: ended.length } };
  }
}
