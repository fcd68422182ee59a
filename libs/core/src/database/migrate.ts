import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { grantAppRole, ownerDatabaseUrl, prepareRoles, transferOwnership } from './db-roles';

/** Creates the database named in the URL when it is missing, so a fresh machine needs no manual createdb. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Applies the migrations as the owner role (what they create belongs to it), then hands the app
 * role its rights on rows; the roles are created first when missing (see db-roles.ts).
 */
export async function runMigrations(url: string, appPassword?: string): Promise<string[]> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await prepareRoles(admin, appPassword);
    await transferOwnership(admin);
    const ds = new DataSource(dataSourceOptions(ownerDatabaseUrl(url), 2));
    await ds.initialize();
    let done: { name: string }[];
    try {
      done = await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    await grantAppRole(admin);
    return done.map((m) => m.name);
  } finally {
    await admin.end();
  }
}
