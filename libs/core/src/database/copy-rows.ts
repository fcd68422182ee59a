import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: backslash, tab and line breaks are escaped; null is \N. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  // Most fields (ids, numbers, codes) need no escape; the test costs less than four replaces.
  return NEEDS_COPY_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}
const NEEDS_COPY_ESCAPE = /[\\\t\n\r]/;

/** A PostgreSQL array literal of text for a COPY field: every element quoted, null as NULL. */
export function pgTextArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    out += v === null ? 'NULL' : `"${NEEDS_ARRAY_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : v}"`;
  }
  return out + '}';
}
const NEEDS_ARRAY_ESCAPE = /[\\"]/;

/**
 * Streams rows into a table with COPY … FROM STDIN, the fastest way into PostgreSQL.
 * Runs on the caller's client, inside the caller's transaction. An async source (rows checked as
 * an upload arrives) is pulled only as fast as PostgreSQL takes them.
 */
export async function copyRows(client: PoolClient, table: string, columns: string[], rows: Iterable<unknown[]> | AsyncIterable<unknown[]>): Promise<void> {
  const lines = (async function* () {
    let chunk = '';
    for await (const row of rows) {
      chunk += row.map(field).join('\t') + '\n';
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  })();
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/**
 * A transaction whose connection is also given as a raw `pg` client, for COPY inside it: the
 * callback's work commits together or not at all.
 */
export async function copyTransaction<T>(ds: DataSource, work: (qr: QueryRunner, client: PoolClient) => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    const result = await work(qr, (qr as unknown as { databaseConnection: PoolClient }).databaseConnection);
    await qr.commitTransaction();
    return result;
  } catch (e) {
    await qr.rollbackTransaction();
    throw e;
  } finally {
    await qr.release();
  }
}
