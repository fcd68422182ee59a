import { Inject, Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ALL_QUEUES, QueueName } from '@app/core';
import { JobHandlerRegistry } from './job-handler.registry';

/** One BullMQ worker per queue, each handing jobs to the registry by name. */
function processorFor(queue: QueueName, concurrency: number): Type<WorkerHost> {
  @Processor(queue, { concurrency })
  class QueueProcessor extends WorkerHost {
    constructor(@Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry) {
      super();
    }

    process(job: Job) {
      return this.registry.run(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

export const queueProcessors = (concurrency: number) => ALL_QUEUES.map((q) => processorFor(q, concurrency));
