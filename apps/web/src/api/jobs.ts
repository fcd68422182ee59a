import { json, query, V1 } from './client';
import type { JobAccepted, JobsOverview } from '../types/jobs';

const ADMIN_JOBS = `${V1}/admin/jobs`;

/** 작업 현황 (city administrators): queues, failed jobs, schedules; run a schedule now, retry a failed job. */
export const jobsApi = {
  jobsOverview: (failedLimit?: number) => json<JobsOverview>('GET', `${ADMIN_JOBS}${query({ failedLimit })}`),
  runScheduleNow: (schedulerId: string) => json<JobAccepted>('POST', `${ADMIN_JOBS}/schedules/${encodeURIComponent(schedulerId)}/run`),
  retryJob: (jobId: string) => json<JobAccepted>('POST', `${ADMIN_JOBS}/${encodeURIComponent(jobId)}/retry`),
};
