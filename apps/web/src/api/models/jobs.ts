// 작업 현황 (city administrators): GET /api/v1/admin/jobs. Aliases of the served OpenAPI document's
// schemas (a job itself, its queue and what starting one answers are in ./common).
import type { components } from '../schema';

type Schemas = components['schemas'];

export type JobsOverview = Schemas['JobsOverviewDto'];
export type QueueState = Schemas['QueueStateDto'];
export type JobCounts = Schemas['JobCountsDto'];
export type FailedJob = Schemas['FailedJobDto'];
export type JobSchedule = Schemas['ScheduleDto'];
/** A job's name in the catalogue (`classroom-export`, …). */
export type JobName = FailedJob['name'];
