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
    logging: ['error'],
  };
}
