import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@app/migrations';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: poolSize },
    // Constraint violations are expected input errors, mapped at the edge; unexpected ones reach the error log there.
    logging: false,
  };
}
