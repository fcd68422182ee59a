import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type Job, type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit.service';
import type { AuthUser } from '../auth/role';
import { ConflictError, NotFoundError, ServiceBusyError, ValidationFailedError } from '../errors';
import type { JobAcceptedDto } from '../openapi';
import { ALL_QUEUES, JOB_QUEUE, JOB_SCHEDULES, JobName, QueueName } from '../queue/job-catalogue';
import { JobQueue, REDIS_TIMEOUT_MS } from '../queue/job-queue.service';
import { withTimeout } from '../queue/with-timeout';
import type { FailedJobDto, JobCountsDto, JobsOverviewDto, OutboxStatusDto, ScheduleDto } from './jobs-admin.dto';

const COUNT_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;

/** Our job ids are UUIDs; a schedule's runs are `repeat:<scheduler>:<time>`. */
const JOB_ID = /^[A-Za-z0-9][\w:.-]{0,199}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The schedules' jobs run in Seoul time (see JobQueue.schedule). */
const SCHEDULE_TZ = 'Asia/Seoul';

interface RedisQueueState {
  name: QueueName;
  counts: JobCountsDto;
  failed: Job[];
  schedulers: Map<string, number | null>;
}

const iso = (ms: number | null | undefined): string | null => (ms ? new Date(ms).toISOString() : null);

/**
 * What city administrators see and do on the jobs page: every queue's counts and failed jobs, the
 * outbox backlog, the recurring schedules with their next run; run a schedule's job now (through
 * the outbox, audited with it in one transaction) and retry a failed job (audited).
 * Every Redis call is bounded by REDIS_TIMEOUT_MS, so the page answers while Redis is down: the
 * outbox and the schedules come from PostgreSQL and the catalogue, the rest is marked unknown.
 */
@Injectable()
export class JobsAdmin implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    // The same Queue instances JobQueue uses (and listens to for connection errors).
    for (const name of ALL_QUEUES) this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  async overview(failedLimit = 20): Promise<JobsOverviewDto> {
    const [outbox, redis] = await Promise.all([
      this.outbox(),
      this.fromRedis(failedLimit).then(
        (queues) => ({ queues, error: null }),
        (e: Error) => ({ queues: null, error: e.message.slice(0, 300) }),
      ),
    ]);
    const byQueue = new Map(redis.queues?.map((q) => [q.name, q]));
    const names = await this.requesterNames(redis.queues?.flatMap((q) => q.failed) ?? []);
    return {
      checkedAt: new Date().toISOString(),
      redis: { available: redis.error === null, error: redis.error },
      outbox: outbox.total,
      queues: ALL_QUEUES.map((name) => {
        const q = byQueue.get(name);
        return {
          name,
          counts: q?.counts ?? null,
          outboxPending: outbox.byQueue.get(name) ?? 0,
          failedJobs: q ? q.failed.map((job) => failedView(job, name, names)) : null,
        };
      }),
      schedules: JOB_SCHEDULES.map((s): ScheduleDto => {
        const queue = JOB_QUEUE[s.name];
        const schedulers = byQueue.get(queue)?.schedulers;
        return {
          schedulerId: s.schedulerId,
          jobName: s.name,
          queue,
          cron: s.cron,
          timezone: SCHEDULE_TZ,
          registered: schedulers ? schedulers.has(s.schedulerId) : null,
          nextRunAt: iso(schedulers?.get(s.schedulerId)),
        };
      }),
    };
  }

  /**
   * Runs a schedule's job now, as its requester: the job is written to the outbox in the same
   * transaction as the audit record (so every run-now is audited, and an audited one runs), then
   * handed to Redis at once when it answers in time.
   */
  async runNow(schedulerId: string, user: AuthUser): Promise<JobAcceptedDto> {
    const schedule = JOB_SCHEDULES.find((s) => s.schedulerId === schedulerId);
    if (!schedule) throw new NotFoundError('schedule', schedulerId);
    const { jobId } = await this.ds.transaction(async (tx) => {
      const job = await this.jobs.enqueue(schedule.name, { requestedBy: user.id }, {}, tx);
      await this.audit.record(tx, user, { action: 'job.run_now', entityType: 'schedule', entityId: schedule.schedulerId, after: { jobId: job.jobId } });
      return job;
    });
    const queued = (await this.jobs.relay(jobId).catch(() => new Map<string, string>())).has(jobId) || (await this.relayedElsewhere(jobId));
    return { jobId, deduplicated: false, state: queued ? 'queued' : 'pending', statusUrl: `/api/v1/jobs/${jobId}` };
  }

  /**
   * Moves a failed job back to waiting with its attempts counted afresh (BullMQ `job.retry()`);
   * the audit record and the outbox row (unfinished again, so it is watched until it ends) are
   * committed only when Redis has taken the retry.
   */
  async retry(jobId: string, user: AuthUser): Promise<JobAcceptedDto> {
    if (!JOB_ID.test(jobId)) throw new ValidationFailedError('jobId is not a job id', [{ field: 'jobId', reason: 'letters, digits and : . _ - only, at most 200' }]);
    const found = await this.redis(this.findJob(jobId));
    if (!found) throw new NotFoundError('job', jobId);
    const { job, queue } = found;
    const state = await this.redis(job.getState());
    if (state !== 'failed') throw notFailed(jobId, state);
    await this.ds.transaction(async (tx) => {
      await this.audit.record(tx, user, {
        action: 'job.retried',
        entityType: 'job',
        entityId: jobId,
        after: { queue, name: job.name, failedReason: job.failedReason || null, attemptsMade: job.attemptsMade },
      });
      await tx.query(`UPDATE job_outbox SET finished_at = NULL, outcome = NULL WHERE bull_job_id = $1 OR job_id = $2::uuid`, [jobId, UUID.test(jobId) ? jobId : null]);
      try {
        await this.redis(job.retry('failed', { resetAttemptsMade: true }));
      } catch (e) {
        const code = (e as { code?: number }).code;
        if (code === ErrorCode.JobNotInState) throw notFailed(jobId, 'not failed');
        if (code === ErrorCode.JobNotExist) throw new NotFoundError('job', jobId);
        throw e;
      }
    });
    return { jobId, deduplicated: false, state: 'queued', statusUrl: `/api/v1/jobs/${jobId}` };
  }

  /**
   * Whether an outbox relay (woken by the commit, in this or another process) took the row first:
   * waits for its transaction (each of its Redis calls is bounded), then reads the row.
   */
  private relayedElsewhere(jobId: string): Promise<boolean> {
    return this.ds
      .transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '3s'`);
        const [row] = await tx.query(`SELECT relayed_at IS NOT NULL AS relayed FROM job_outbox WHERE job_id = $1 FOR SHARE`, [jobId]);
        return Boolean(row?.relayed);
      })
      .catch(() => false);
  }

  /** One Redis operation within REDIS_TIMEOUT_MS; not answering is 503 REDIS_UNAVAILABLE. */
  private async redis<T>(work: Promise<T>): Promise<T> {
    try {
      return await withTimeout(work, REDIS_TIMEOUT_MS, 'Redis');
    } catch (e) {
      if (typeof (e as { code?: unknown }).code === 'number') throw e;
      throw new ServiceBusyError(`Redis is unavailable: ${(e as Error).message}`, 30, 'REDIS_UNAVAILABLE');
    }
  }

  private async findJob(jobId: string): Promise<{ job: Job; queue: QueueName } | undefined> {
    const jobs = await Promise.all(ALL_QUEUES.map(async (queue) => ({ job: await this.queue(queue).getJob(jobId), queue })));
    return jobs.find((j): j is { job: Job; queue: QueueName } => Boolean(j.job));
  }

  /** Every queue at once, within REDIS_TIMEOUT_MS in all. */
  private fromRedis(failedLimit: number): Promise<RedisQueueState[]> {
    return withTimeout(
      Promise.all(
        ALL_QUEUES.map(async (name): Promise<RedisQueueState> => {
          const q = this.queue(name);
          const [counts, failed, schedulers] = await Promise.all([q.getJobCounts(...COUNT_STATES), q.getFailed(0, failedLimit - 1), q.getJobSchedulers()]);
          return {
            name,
            counts: Object.fromEntries(COUNT_STATES.map((s) => [s, counts[s] ?? 0])) as unknown as JobCountsDto,
            failed: failed.filter((j): j is Job => Boolean(j)),
            schedulers: new Map(schedulers.map((s) => [String(s.key ?? s.id), s.next ?? null])),
          };
        }),
      ),
      REDIS_TIMEOUT_MS,
      'Redis',
    );
  }

  private async outbox(): Promise<{ total: OutboxStatusDto; byQueue: Map<string, number> }> {
    const rows: { queue: string; pending: number; oldest: Date; lastError: string | null }[] = await this.ds.query(
      `SELECT queue, count(*)::int AS pending, min(created_at) AS oldest,
              (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS "lastError"
       FROM job_outbox WHERE relayed_at IS NULL GROUP BY queue`,
    );
    const oldest = rows.map((r) => new Date(r.oldest).getTime()).sort((a, b) => a - b)[0];
    return {
      total: {
        pending: rows.reduce((n, r) => n + r.pending, 0),
        oldestPendingAt: iso(oldest),
        lastError: rows.find((r) => r.lastError)?.lastError?.slice(0, 300) ?? null,
      },
      byQueue: new Map(rows.map((r) => [r.queue, r.pending])),
    };
  }

  /** Display names (or emails) of the users who asked for these jobs. */
  private async requesterNames(jobs: Job[]): Promise<Map<string, string>> {
    const ids = [...new Set(jobs.map((j) => requester(j)).filter((id): id is string => id !== null && UUID.test(id)))];
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(
      `SELECT id::text, coalesce(nullif(display_name, ''), email) AS name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

const requester = (job: Job): string | null => (job.data as { requestedBy?: unknown } | undefined)?.requestedBy?.toString() ?? null;

function failedView(job: Job, queue: QueueName, names: Map<string, string>): FailedJobDto {
  const requestedBy = requester(job);
  return {
    id: String(job.id),
    name: job.name as JobName,
    queue,
    failedReason: job.failedReason || null,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: iso(job.finishedOn),
    requestedBy,
    requestedByName: requestedBy ? (names.get(requestedBy) ?? null) : null,
  };
}

const notFailed = (jobId: string, state: string) =>
  new ConflictError(`Job ${jobId} is ${state}; only a failed job can be retried`, [{ field: 'jobId', reason: `the job is ${state}`, state }], 'JOB_NOT_FAILED');
