import { Inject, Logger, Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ALL_QUEUES, QueueName } from '@app/core';
import { JobHandlerRegistry } from './job-handler.registry';

/** One BullMQ worker per queue, each handing jobs to the registry by name. */
function processorFor(queue: QueueName, concurrency: number, lockMs: number): Type<WorkerHost> {
  // The stalled check runs as often as a lock lasts, so a killed worker's job is retried within about two lock periods.
  @Processor(queue, { concurrency, lockDuration: lockMs, stalledInterval: lockMs })
  class QueueProcessor extends WorkerHost {
    constructor(@Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry) {
      super();
    }

    process(job: Job) {
      return this.registry.run(job);
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
