export * from './job-catalogue';
export * from './job-defaults';
export * from './job-handler';
export * from './job-queue.service';
export * from './queue.module';
export * from './redis-connection';
export * from './outbox-relay';
export * from './with-timeout';
