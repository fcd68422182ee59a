import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, LiteracyLinkPayload } from '@app/core';
import { EquatingService } from './equating.service';

/** Links an assessment to its base (the request is in literacy_links) and re-analyses it on the common scale. */
@Injectable()
@JobHandler(JobName.LiteracyLink)
export class LiteracyLinkJob implements HandlesJob<JobName.LiteracyLink> {
  constructor(private readonly equating: EquatingService) {}

  async handle(job: Job<LiteracyLinkPayload>): Promise<JobResult> {
    return { summary: await this.equating.run(job.data.assessmentId, (p) => job.updateProgress(p)) };
  }
}
