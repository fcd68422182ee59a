// 작업 현황 (city administrators): GET /api/v1/admin/jobs and the jobs it starts.
import type { QueueJob, QueueJobState } from './common';

export type QueueName = 'exports' | 'designations' | 'badges' | 'surveys' | 'literacy' | 'consent';

export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  /** Retries waiting for their backoff, and each schedule's next run. */
  delayed: number;
  prioritized: number;
}

export interface FailedJob {
  id: string;
  name: string;
  queue: QueueName;
  failedReason: string | null;
  attemptsMade: number;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  /** A user id, or `scheduler` for a schedule's run. */
  requestedBy: string | null;
  requestedByName: string | null;
}

export interface QueueState {
  name: QueueName;
  /** null: Redis did not answer. */
  counts: JobCounts | null;
  /** Jobs committed and waiting to be handed to Redis (대기열 전달 대기). */
  outboxPending: number;
  /** Newest first; null: Redis did not answer. */
  failedJobs: FailedJob[] | null;
}

export interface JobSchedule {
  schedulerId: string;
  jobName: string;
  queue: QueueName;
  cron: string;
  timezone: string;
  /** Whether a worker has set it up in Redis; null: Redis did not answer. */
  registered: boolean | null;
  nextRunAt: string | null;
}

export interface JobsOverview {
  checkedAt: string;
  redis: { available: boolean; error: string | null };
  outbox: { pending: number; oldestPendingAt: string | null; lastError: string | null };
  queues: QueueState[];
  schedules: JobSchedule[];
}

/** What a run-now or a retry answers (202). */
export interface JobAccepted {
  jobId: string;
  state: 'queued' | 'pending';
  deduplicated: boolean;
  statusUrl?: string;
}

/** GET /api/v1/jobs/:id of a job started from the jobs page. */
export interface AdminJobStatus extends QueueJob<QueueJobState | 'pending' | 'queued' | 'prioritized' | 'unknown', unknown> {
  name: string;
  attemptsMade: number;
  result: { summary?: Record<string, unknown> } | null;
}
