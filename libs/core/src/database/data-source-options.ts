import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@app/migrations';

/**
 * With `replicaUrl` (DATABASE_REPLICA_URL), TypeORM replication: the replica gets a pool of its own
 * (`slaves`), but every query, entity reads included (`defaultMode: 'master'`), still goes to the
 * primary; only ReadReplica.query sends a read to the replica, on purpose.
 */
export function dataSourceOptions(url: string, poolSize = 10, replicaUrl?: string): DataSourceOptions {
  return {
    type: 'postgres',
    ...(replicaUrl ? { replication: { master: { url }, slaves: [{ url: replicaUrl }], defaultMode: 'master' as const } } : { url }),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: poolSize },
    // Constraint violations are expected input errors, mapped at the edge; unexpected ones reach the error log there.
    logging: false,
  };
}
