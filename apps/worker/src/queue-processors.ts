import { BeforeApplicationShutdown, Inject, Logger, Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Worker } from 'bullmq';
import { ALL_QUEUES, QueueName } from '@app/core';
import { JobHandlerRegistry } from './job-handler.registry';

/** How long a stopping worker lets its running jobs finish while Redis is there to record them. */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Closes a worker without hanging: gracefully (running jobs finish) while Redis answers, and by
 * dropping the connection when it does not, or when the grace runs out. BullMQ's own close waits
 * for Redis to come back (QUIT sits in the offline queue), so a SIGTERM during an outage would
 * never exit. A job cut short is found stalled and retried by another worker.
 */
export async function closeWorker(worker: Worker, graceMs: number, logger: Logger): Promise<void> {
  const ready = await redisReady(worker);
  const closing = worker.close(!ready);
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([
    closing.then(() => true, () => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ready ? graceMs : 1_000, false))),
  ]);
  clearTimeout(timer);
  if (inTime) return;
  logger.warn({ msg: 'worker did not close in time; dropping its Redis connection', queue: worker.name, redisReady: ready });
  await worker.disconnect().catch(() => undefined);
  await closing.catch(() => undefined);
}

/** Whether the worker's Redis connection is up; a client still (re)connecting counts as down. */
async function redisReady(worker: Worker): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(worker.getBackend().client).then((c) => c.status === 'ready'),
      new Promise<boolean>((resolve) => (timer = setTimeout(resolve, 200, false))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Queues whose jobs compute for long stretches without returning to the event loop, when the lock
 * cannot be renewed: a province's literacy analysis (a million students) spends tens of seconds in
 * one step (DIF over every office, item fit) on a busy machine. Their lock lasts this many times
 * JOB_LOCK_SECONDS, so the job is not taken for stalled and run twice; a dead worker's analysis
 * is rerun that much later.
 */
const LOCK_FACTOR: Partial<Record<QueueName, number>> = { [QueueName.Literacy]: 10 };

/** One BullMQ worker per queue, each handing jobs to the registry by name. */
function processorFor(queue: QueueName, concurrency: number, baseLockMs: number): Type<WorkerHost> {
  const lockMs = baseLockMs * (LOCK_FACTOR[queue] ?? 1);
  // The stalled check runs as often as a lock lasts, so a killed worker's job is retried within about two lock periods.
  @Processor(queue, { concurrency, lockDuration: lockMs, stalledInterval: lockMs })
  class QueueProcessor extends WorkerHost implements BeforeApplicationShutdown {
    constructor(@Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry) {
      super();
    }

    process(job: Job) {
      return this.registry.run(job);
    }

    /** Before @nestjs/bullmq's own close (which would wait for Redis forever). */
    beforeApplicationShutdown() {
      return closeWorker(this.worker, SHUTDOWN_GRACE_MS, new Logger(`${queue}Worker`));
    }

    /** Redis going away is expected (BullMQ reconnects): a warning, not an unhandled error event. */
    @OnWorkerEvent('error')
    onError(error: Error) {
      new Logger(`${queue}Worker`).warn({ msg: 'queue connection error; BullMQ retries', error: error.message });
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

export const queueProcessors = (concurrency: number, lockMs: number) => ALL_QUEUES.map((q) => processorFor(q, concurrency, lockMs));
