import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads, JobResult } from './job-catalogue';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider as the handler of one job name; the worker checks each name has exactly one. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface HandlesJob<N extends JobName> {
  handle(job: Job<JobPayloads[N]>): Promise<JobResult | void>;
}
