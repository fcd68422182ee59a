import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { JobName, QueueName } from '../queue/job-catalogue';

export class JobsOverviewQuery {
  /** How many failed jobs to list per queue, newest first. */
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  failedLimit?: number;
}

/** Whether Redis answered within REDIS_TIMEOUT_MS; without it, counts, failed jobs and next runs are unknown (null). */
export class RedisStatusDto {
  available: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  error: string | null;
}

/** Jobs committed in PostgreSQL (`job_outbox`) and not yet handed to Redis: known even while Redis is down. */
export class OutboxStatusDto {
  pending: number;

  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  oldestPendingAt: string | null;

  /** The latest relay failure of a pending job (e.g. Redis not answering). */
  @ApiProperty({ type: 'string', nullable: true })
  lastError: string | null;
}

/** BullMQ's job counts of one queue by state. */
export class JobCountsDto {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  /** Waiting for a retry's backoff or a delay, including each schedule's next run. */
  delayed: number;
  prioritized: number;
}

/** A job that failed (on its last attempt), as the jobs page lists it. */
export class FailedJobDto {
  id: string;

  @ApiProperty({ enum: JobName })
  name: JobName;

  @ApiProperty({ enum: QueueName })
  queue: QueueName;

  @ApiProperty({ type: 'string', nullable: true })
  failedReason: string | null;

  attemptsMade: number;
  /** Attempts allowed (retries included). */
  attempts: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  finishedAt: string | null;

  /** A user id, or `scheduler` for a schedule's run. */
  @ApiProperty({ type: 'string', nullable: true })
  requestedBy: string | null;

  /** The requester's display name (or email) where it is a user. */
  @ApiProperty({ type: 'string', nullable: true })
  requestedByName: string | null;
}

export class QueueStateDto {
  @ApiProperty({ enum: QueueName })
  name: QueueName;

  /** null when Redis did not answer. */
  @ApiProperty({ type: () => JobCountsDto, nullable: true })
  counts: JobCountsDto | null;

  /** This queue's jobs waiting in the outbox to be handed to Redis. */
  outboxPending: number;

  /** Newest first; null when Redis did not answer. */
  @ApiProperty({ type: () => [FailedJobDto], nullable: true })
  failedJobs: FailedJobDto[] | null;
}

/** A recurring job of the catalogue (JOB_SCHEDULES) and its next run. */
export class ScheduleDto {
  schedulerId: string;

  @ApiProperty({ enum: JobName })
  jobName: JobName;

  @ApiProperty({ enum: QueueName })
  queue: QueueName;

  /** Cron pattern, in `timezone`. */
  cron: string;
  timezone: string;

  /** Whether a worker has set up this schedule in Redis; null when Redis did not answer. */
  @ApiProperty({ type: 'boolean', nullable: true })
  registered: boolean | null;

  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  nextRunAt: string | null;
}

/** The jobs page: queues with their counts and failed jobs, the outbox backlog, and the schedules. */
export class JobsOverviewDto {
  @ApiProperty({ format: 'date-time' })
  checkedAt: string;

  redis: RedisStatusDto;
  outbox: OutboxStatusDto;
  queues: QueueStateDto[];
  schedules: ScheduleDto[];
}
