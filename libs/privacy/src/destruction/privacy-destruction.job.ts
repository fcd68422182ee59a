import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, PrivacyDestructionPayload } from '@app/core';
import { Destruction } from './destruction.service';

/** Daily at 02:30 Seoul time, when hardly anyone signs in; a rerun destroys nothing more. */
@Injectable()
@JobHandler(JobName.PrivacyDestruction)
export class PrivacyDestructionJob implements HandlesJob<JobName.PrivacyDestruction> {
  constructor(private readonly destruction: Destruction) {}

  async handle(job: Job<PrivacyDestructionPayload>): Promise<JobResult> {
    const run = await this.destruction.run(job.data.requestedBy);
    return {
      summary: {
        runId: run.runId,
        asOf: run.asOf,
        destroyed: run.destroyed,
        held: run.held,
        byCategory: Object.fromEntries(run.rules.map((r) => [r.category, Object.values(r.destroyed).reduce((a, b) => a + b, 0)])),
        registerIds: run.rules.flatMap((r) => (r.registerId ? [r.registerId] : [])),
        unapproved: run.unapproved,
      },
    };
  }
}
