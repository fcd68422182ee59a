import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config';
import { ALL_QUEUES } from './job-catalogue';
import { DEFAULT_JOB_OPTIONS } from './job-defaults';
import { JobQueue } from './job-queue.service';
import { redisConnectionOptions } from './redis-connection';

// Queues and workers share BullMQ's reconnecting connection; no request waits on it for long
// (JobQueue bounds every call, and the outbox keeps the work while Redis is away).
const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    queues,
  ],
  providers: [JobQueue],
  exports: [JobQueue, queues],
})
export class QueueModule {}
