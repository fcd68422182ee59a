import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../config';
import { ALL_QUEUES } from './job-catalogue';
import { DEFAULT_JOB_OPTIONS } from './job-defaults';
import { JobQueue } from './job-queue.service';
import { QUEUE_CONNECTION } from '../redis/redis.module';

// Queues and workers share BullMQ's reconnecting connection; no request waits on it for long
// (JobQueue bounds every call, and the outbox keeps the work while Redis is away).
const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig, QUEUE_CONNECTION],
      // `{QUEUE_PREFIX}`: a cluster hash tag, so each queue's keys (and a flow's across queues) share one slot.
      useFactory: (config: AppConfig, connection: ConnectionOptions) => ({
        connection,
        prefix: config.redisKeyPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    queues,
  ],
  providers: [JobQueue],
  exports: [JobQueue, queues],
})
export class QueueModule {}
