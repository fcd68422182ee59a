import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { dbUrl, TEST_PG_URL } from './test-env';

/**
 * A database of its own for a migration test: created empty (not from the migrated template), migrated
 * up to a migration, filled as the old schema had it, then migrated the rest of the way.
 */
export function migrationDb(tag: string) {
  const name = `aiedu_${tag}_${process.pid}_${Date.now()}`;
  const url = dbUrl(name);
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: TEST_PG_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  return {
    url,
    create: () => admin(`CREATE DATABASE ${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    /** Runs the migrations before index `upTo` (all of them without it). */
    async migrate(upTo?: number) {
      const ds = new DataSource({ ...dataSourceOptions(url, 2), migrations: MIGRATIONS.slice(0, upTo) });
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
    },
    /** A connection for the duration of `work`. */
    async withDb<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
      const db = new DataSource(dataSourceOptions(url, 2));
      await db.initialize();
      return work(db).finally(() => db.destroy());
    },
  };
}
