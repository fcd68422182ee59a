import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_QUEUES, JOB_QUEUE, JobName, JobPayloads, JobResult, QueueName } from './job-catalogue';
import { withTimeout } from './with-timeout';

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

export interface Enqueued {
  jobId: string;
  /** True when the request joined a job of the same dedupe key. */
  deduplicated: boolean;
  /** `queued`: in BullMQ; `pending`: committed in the outbox, handed to BullMQ as soon as it can be. */
  state: 'queued' | 'pending';
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

/** The channel the outbox announces new rows on; NOTIFY is delivered at commit, so never early. */
export const OUTBOX_CHANNEL = 'aiedu_job_outbox';

/** How long one Redis call may take before the caller gives up on it (the outbox keeps the work). */
export const REDIS_TIMEOUT_MS = 1_500;

/** A relayed job that has not finished after this long is looked for in Redis, and relayed again if it is gone. */
const RECONCILE_AFTER_SECONDS = 60;

const asUuid = (id: string): string | null => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null);

interface OutboxRow {
  job_id: string;
  queue: QueueName;
  name: JobName;
  data: unknown;
  dedupe_id: string | null;
  keep_last_if_active: boolean;
  delay_ms: number | null;
  bull_job_id?: string | null;
}

/**
 * The enqueue facade: the only way code puts work on a queue. Every job goes through the
 * transactional outbox (`job_outbox`): `enqueue` with the caller's transaction writes the job in
 * the same commit as its data, so committed data always gets its job; the relay (in the api and the
 * worker, see OutboxRelay) hands rows to BullMQ under their fixed job id, so a replay is harmless.
 * No request waits on Redis longer than REDIS_TIMEOUT_MS.
 */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) this.queue(name);
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Redis going away is expected: one warning every 30 s per queue, not an unhandled error event per retry.
      let warnedAt = 0;
      q.on('error', (e: Error) => {
        if (Date.now() - warnedAt < 30_000) return;
        warnedAt = Date.now();
        this.logger.warn({ msg: 'queue connection error; jobs wait in the outbox', queue: name, error: e.message });
      });
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Records the job in the outbox. Given the caller's transaction, the job exists if and only if
   * that transaction commits, and it is relayed right after; without one, it is relayed at once
   * when Redis answers in time (so a deduplicated request learns the job it joined).
   */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: EnqueueOptions = {}, tx?: EntityManager): Promise<Enqueued> {
    // Our ids are UUIDs, unique across queues, so GET /jobs/:id needs no queue name.
    const jobId = randomUUID();
    const db = tx ?? this.ds.manager;
    await db.query(
      `INSERT INTO job_outbox (job_id, queue, name, data, dedupe_id, keep_last_if_active, delay_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [jobId, JOB_QUEUE[name], name, JSON.stringify(data), opts.dedupeKey ? `${name}.${opts.dedupeKey}` : null, Boolean(opts.dedupeKey && opts.rerunIfActive), opts.delayMs ?? null],
    );
    await db.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    if (tx) return { jobId, deduplicated: false, state: 'pending' };
    const relayed = (await this.relay(jobId).catch(() => new Map<string, string>())).get(jobId);
    return relayed ? { jobId: relayed, deduplicated: relayed !== jobId, state: 'queued' } : { jobId, deduplicated: false, state: 'pending' };
  }

  /**
   * Hands pending outbox rows (or the one named) to BullMQ, oldest first; rows another process is
   * relaying are skipped. Stops at the first Redis failure and leaves the rest for the next round.
   * Returns outbox job id → BullMQ job id for the rows relayed.
   */
  async relay(onlyJobId?: string, limit = 100): Promise<Map<string, string>> {
    const done = new Map<string, string>();
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      // The one job a request enqueued waits for a background relay that took it first (no SKIP LOCKED),
      // so the request still learns the BullMQ job it joined when deduplicated.
      const rows: (OutboxRow & { relayed_at: Date | null })[] = onlyJobId
        ? await qr.query(
            `SELECT job_id, queue, name, data, dedupe_id, keep_last_if_active, delay_ms, relayed_at, bull_job_id FROM job_outbox WHERE job_id = $1 FOR UPDATE`,
            [onlyJobId],
          )
        : await qr.query(
            `SELECT job_id, queue, name, data, dedupe_id, keep_last_if_active, delay_ms, relayed_at FROM job_outbox
             WHERE relayed_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
          );
      const relayedBefore = new Map(rows.filter((r) => r.relayed_at && r.bull_job_id).map((r) => [r.job_id, r.bull_job_id!]));
      let failure: { jobId: string; error: string } | undefined;
      for (const row of rows.filter((r) => !r.relayed_at)) {
        try {
          done.set(row.job_id, await this.add(row));
        } catch (e) {
          failure = { jobId: row.job_id, error: (e as Error).message.slice(0, 500) };
          break;
        }
      }
      if (done.size) {
        await qr.query(
          `UPDATE job_outbox o SET relayed_at = now(), bull_job_id = x.bull, relay_attempts = o.relay_attempts + 1, last_error = NULL
           FROM jsonb_to_recordset($1::jsonb) AS x(job_id uuid, bull text) WHERE o.job_id = x.job_id`,
          [JSON.stringify([...done].map(([job_id, bull]) => ({ job_id, bull })))],
        );
      }
      if (failure) {
        await qr.query(`UPDATE job_outbox SET relay_attempts = relay_attempts + 1, last_error = $2 WHERE job_id = $1`, [failure.jobId, failure.error]);
        this.logger.warn({ msg: 'jobs not handed to Redis yet; they stay in the outbox', pending: rows.length - done.size, error: failure.error });
      }
      await qr.commitTransaction();
      return new Map([...relayedBefore, ...done]);
    } catch (e) {
      await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  /**
   * Relayed jobs that have not finished after a while: marked finished when Redis says so, and
   * relayed again when Redis no longer has them (lost with Redis's memory), under the same id.
   */
  async reconcile(limit = 100): Promise<{ finished: number; relayedAgain: number }> {
    const rows: OutboxRow[] = await this.ds.query(
      `SELECT job_id, queue, name, data, dedupe_id, keep_last_if_active, delay_ms, bull_job_id FROM job_outbox
       WHERE relayed_at < now() - make_interval(secs => $1) AND finished_at IS NULL ORDER BY relayed_at LIMIT $2`,
      [RECONCILE_AFTER_SECONDS, limit],
    );
    let finished = 0;
    let relayedAgain = 0;
    for (const row of rows) {
      const job = await withTimeout(this.queue(row.queue).getJob(row.bull_job_id ?? row.job_id), REDIS_TIMEOUT_MS, 'Redis');
      if (job) {
        const state = await withTimeout(job.getState(), REDIS_TIMEOUT_MS, 'Redis');
        if (state === 'completed' || state === 'failed') {
          finished += await this.markFinished(String(job.id), state, { result: (job.returnvalue as JobResult | null) ?? null, failedReason: job.failedReason || null });
        }
        continue;
      }
      const bull = await this.add(row);
      await this.ds.query(`UPDATE job_outbox SET relayed_at = now(), bull_job_id = $2, relay_attempts = relay_attempts + 1 WHERE job_id = $1`, [row.job_id, bull]);
      this.logger.warn({ msg: 'job missing from Redis before it finished; relayed again', jobId: row.job_id, name: row.name });
      relayedAgain++;
    }
    // Finished rows are history after a week.
    await this.ds.query(`DELETE FROM job_outbox WHERE finished_at < now() - interval '7 days'`);
    return { finished, relayedAgain };
  }

  /** A worker finished a job (for good): the outbox rows behind it are done, with its result or failure. */
  async markFinished(
    bullJobId: string,
    outcome: 'completed' | 'failed',
    detail: { result?: JobResult | null; failedReason?: string | null } = {},
  ): Promise<number> {
    const [, n] = await this.ds.query(
      `UPDATE job_outbox SET finished_at = now(), outcome = $2, result = $4::jsonb, failed_reason = $5
       WHERE (bull_job_id = $1 OR job_id = $3::uuid) AND finished_at IS NULL`,
      [bullJobId, outcome, asUuid(bullJobId), detail.result == null ? null : JSON.stringify(detail.result), detail.failedReason ?? null],
    );
    return n;
  }

  private async add(row: OutboxRow): Promise<string> {
    const job = await withTimeout(
      this.queue(row.queue).add(row.name, row.data, {
        jobId: row.job_id,
        delay: row.delay_ms ?? undefined,
        deduplication: row.dedupe_id ? { id: row.dedupe_id, ...(row.keep_last_if_active && { keepLastIfActive: true }) } : undefined,
      }),
      REDIS_TIMEOUT_MS,
      'Redis',
    );
    return String(job.id);
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

  /** A job by the id its request was given: from Redis, or from the outbox while it waits there (or Redis is away). */
  async find(jobId: string): Promise<JobView | undefined> {
    const [row] = await this.ds.query(
      `SELECT job_id, queue, name, data, bull_job_id, created_at, relayed_at, finished_at, outcome, result, failed_reason FROM job_outbox
       WHERE job_id = $2::uuid OR bull_job_id = $1 ORDER BY (job_id = $2::uuid) DESC NULLS LAST LIMIT 1`,
      [jobId, asUuid(jobId)],
    );
    const bullId = row?.bull_job_id ?? jobId;
    try {
      for (const name of row ? [row.queue as QueueName] : ALL_QUEUES) {
        // The state before the job: read the other way round, a job that completes in between is
        // "completed" with the result it did not have yet when it was read, and a poller stops there.
        const state = await withTimeout(this.queue(name).getJobState(bullId), REDIS_TIMEOUT_MS, 'Redis');
        if (state === 'unknown') continue;
        const job = await withTimeout(this.queue(name).getJob(bullId), REDIS_TIMEOUT_MS, 'Redis');
        if (job) return this.view(job, name, state);
      }
    } catch (e) {
      if (!row) throw e;
    }
    if (!row) return undefined;
    return {
      id: row.job_id,
      name: row.name,
      queue: row.queue,
      state: row.finished_at ? row.outcome : row.relayed_at ? 'queued' : 'pending',
      progress: row.outcome === 'completed' ? 100 : 0,
      attemptsMade: 0,
      createdAt: new Date(row.created_at).toISOString(),
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      failedReason: row.failed_reason ?? null,
      result: row.result ?? null,
      requestedBy: (row.data as { requestedBy?: string })?.requestedBy ?? null,
    };
  }

  private view(job: Job, queue: QueueName, state: JobView['state']): JobView {
    return {
      id: String(job.id),
      name: job.name,
      queue,
      state,
      progress: job.progress,
      attemptsMade: job.attemptsMade,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      failedReason: job.failedReason || null,
      result: (job.returnvalue as JobResult | null) ?? null,
      requestedBy: (job.data as { requestedBy?: string })?.requestedBy ?? null,
    };
  }

  /** Jobs still to run: outbox rows not yet relayed, and BullMQ's waiting, active and delayed (not a schedule's next run). */
  async pending(): Promise<number> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM job_outbox WHERE relayed_at IS NULL`);
    let total = n as number;
    for (const name of ALL_QUEUES) {
      const q = this.queue(name);
      const c = await withTimeout(q.getJobCounts('waiting', 'active', 'prioritized'), REDIS_TIMEOUT_MS, 'Redis');
      total += c.waiting + c.active + c.prioritized;
      total += (await withTimeout(q.getDelayed(), REDIS_TIMEOUT_MS, 'Redis')).filter((j) => !j.repeatJobKey).length;
    }
    return total;
  }

  /** Job counts by state, per queue. */
  async countsByQueue(): Promise<Record<QueueName, Record<string, number>>> {
    // In parallel: with Redis down each call waits out REDIS_TIMEOUT_MS, and a scrape must not wait for all of them in turn.
    const counts = await Promise.all(
      ALL_QUEUES.map((name) => withTimeout(this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'), REDIS_TIMEOUT_MS, 'Redis')),
    );
    return Object.fromEntries(ALL_QUEUES.map((name, i) => [name, counts[i]])) as Record<QueueName, Record<string, number>>;
  }

  /** Job counts by state over all queues, and the outbox's backlog. */
  async counts(): Promise<Record<string, number>> {
    const total: Record<string, number> = {};
    for (const c of Object.values(await this.countsByQueue())) {
      for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    }
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM job_outbox WHERE relayed_at IS NULL`);
    total.outbox = n;
    return total;
  }
}
