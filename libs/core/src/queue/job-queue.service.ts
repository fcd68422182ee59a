import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ALL_QUEUES, JOB_QUEUE, JobName, JobPayloads, JobResult, QueueName } from './job-catalogue';

export interface EnqueueOptions {
  /** While a job with this key is waiting or running, enqueueing again returns that job instead. */
  dedupeKey?: string;
  /**
   * With dedupeKey: a request made while the job already runs (and so may have read the data
   * before this change) queues one more run after it instead of joining it.
   */
  rerunIfActive?: boolean;
  delayMs?: number;
}

export interface JobView {
  id: string;
  name: string;
  queue: QueueName;
  state: string;
  progress: unknown;
  attemptsMade: number;
  createdAt: string;
  finishedAt: string | null;
  failedReason: string | null;
  result: JobResult | null;
  requestedBy: string | null;
}

/** The enqueue facade: the only way code puts work on a queue. */
@Injectable()
export class JobQueue {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: EnqueueOptions = {}): Promise<{ jobId: string; deduplicated: boolean }> {
    // Our ids are UUIDs, unique across queues, so GET /jobs/:id needs no queue name.
    const jobId = randomUUID();
    const job = await this.queue(JOB_QUEUE[name]).add(name, data, {
      jobId,
      delay: opts.delayMs,
      deduplication: opts.dedupeKey ? { id: `${name}.${opts.dedupeKey}`, ...(opts.rerunIfActive && { keepLastIfActive: true }) } : undefined,
    });
    const id = String(job.id);
    return { jobId: id, deduplicated: id !== jobId };
  }

  /** A repeating job (cron, Seoul time); upserting the same scheduler id again changes nothing. */
  async schedule<N extends JobName>(name: N, schedulerId: string, cron: string, data: JobPayloads[N]): Promise<void> {
    await this.queue(JOB_QUEUE[name]).upsertJobScheduler(schedulerId, { pattern: cron, tz: 'Asia/Seoul' }, { name, data });
  }

  /** The schedulers in Redis (id and cron) over all queues. */
  async schedules(): Promise<{ id: string; name: string; pattern: string | null }[]> {
    const out = [];
    for (const name of ALL_QUEUES) {
      for (const s of await this.queue(name).getJobSchedulers()) out.push({ id: String(s.key ?? s.id), name: s.name, pattern: s.pattern ?? null });
    }
    return out;
  }

  async find(jobId: string): Promise<JobView | undefined> {
    for (const name of ALL_QUEUES) {
      const job = await this.queue(name).getJob(jobId);
      if (job) return this.view(job, name);
    }
    return undefined;
  }

  private async view(job: Job, queue: QueueName): Promise<JobView> {
    return {
      id: String(job.id),
      name: job.name,
      queue,
      state: await job.getState(),
      progress: job.progress,
      attemptsMade: job.attemptsMade,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      failedReason: job.failedReason || null,
      result: (job.returnvalue as JobResult | null) ?? null,
      requestedBy: (job.data as { requestedBy?: string })?.requestedBy ?? null,
    };
  }

  /** Jobs still to run, not counting the next run a schedule keeps waiting. */
  async pending(): Promise<number> {
    let n = 0;
    for (const name of ALL_QUEUES) {
      const q = this.queue(name);
      const c = await q.getJobCounts('waiting', 'active', 'prioritized');
      n += c.waiting + c.active + c.prioritized;
      n += (await q.getDelayed()).filter((j) => !j.repeatJobKey).length;
    }
    return n;
  }

  /** Job counts by state over all queues. */
  async counts(): Promise<Record<string, number>> {
    const total: Record<string, number> = {};
    for (const name of ALL_QUEUES) {
      const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
      for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    }
    return total;
  }
}
