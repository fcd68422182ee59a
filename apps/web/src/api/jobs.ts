import { data, http } from './http';

/** 작업 현황 (city administrators): queues, failed jobs, schedules; run a schedule now, retry a failed job. */
export const jobsApi = {
  jobsOverview: (failedLimit?: number) => data(http.GET('/api/v1/admin/jobs', { params: { query: { failedLimit } } })),
  runScheduleNow: (schedulerId: string) => data(http.POST('/api/v1/admin/jobs/schedules/{schedulerId}/run', { params: { path: { schedulerId } } })),
  retryJob: (jobId: string) => data(http.POST('/api/v1/admin/jobs/{jobId}/retry', { params: { path: { jobId } } })),
};
