import iconv from 'iconv-lite';
import type { DataSource } from 'typeorm';

export const NEIS_HEADER = 'ATPT_OFCDC_SC_CODE,SD_SCHUL_CODE,SCHUL_NM,SCHUL_KND_SC_NM,FOND_SC_NM,ORG_RDNMA';

/** A NEIS schoolInfo CSV (extra leading column on purpose: unknown columns are ignored). */
export function neisCsv(rows: string[][]): string {
  return [NEIS_HEADER, ...rows.map((r) => ['B10', ...r].join(','))].join('\r\n') + '\r\n';
}

export const cp949 = (text: string): Buffer => iconv.encode(text, 'cp949');

export async function schoolId(db: DataSource, name: string, district?: string): Promise<number> {
  const rows = await db.query(`SELECT id FROM schools WHERE name = $1 AND ($2::text IS NULL OR district = $2) ORDER BY id`, [name, district ?? null]);
  if (rows.length !== 1) throw new Error(`expected one school named ${name}, found ${rows.length}`);
  return rows[0].id;
}

/** Rows in a table, optionally only those matching a SQL condition written by the test. */
export async function countRows(db: DataSource, table: string, where = 'TRUE'): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return n;
}
