export * from './redis.module';
export * from './failure-limiter';
export * from './code-guesses';
