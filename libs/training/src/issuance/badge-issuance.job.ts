import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BadgeIssuancePayload, HandlesJob, JobHandler, JobName, JobResult } from '@app/core';
import { BadgeIssuer } from './badge-issuer.service';

@Injectable()
@JobHandler(JobName.BadgeIssuance)
export class BadgeIssuanceJob implements HandlesJob<JobName.BadgeIssuance> {
  constructor(private readonly issuer: BadgeIssuer) {}

  async handle(job: Job<BadgeIssuancePayload>): Promise<JobResult> {
    const counts = await this.issuer.issueForBatch(job.data.batchId, (issued) => job.updateProgress({ issued }));
    return { summary: { batchId: job.data.batchId, ...counts } };
  }
}
