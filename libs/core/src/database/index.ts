export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './pg-errors';
export * from './copy-rows';
export * from './update-returning';
export * from './db-roles';
export * from './read-replica';
