import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DesignationTermEndPayload, HandlesJob, JobHandler, JobName, JobResult, seoulToday } from '@app/core';
import { DesignationsService } from './designations.service';

/** Ends designations whose term is over; scheduled daily just after midnight, Seoul time. */
@Injectable()
@JobHandler(JobName.DesignationTermEnd)
export class DesignationTermEndJob implements HandlesJob<JobName.DesignationTermEnd> {
  private readonly logger = new Logger('DesignationTermEnd');

  constructor(private readonly designations: DesignationsService) {}


  async handle(job: Job<DesignationTermEndPayload>): Promise<JobResult> {
    const today = job.data.asOf ?? seoulToday();
    const ended = await this.designations.endExpiredTerms(today);
    if (ended.length) this.logger.log({ msg: 'designation terms ended', today, ids: ended });
    return { summary: { today, ended: ended.length } };
  }
}
