export * from './redis.module';
export * from './failure-limiter';
