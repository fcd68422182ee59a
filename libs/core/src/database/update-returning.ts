/**
 * The rows of an UPDATE or DELETE … RETURNING. TypeORM answers those two commands with
 * `[rows, rowCount]` instead of the rows, unlike every other statement; this gives the rows.
 */
export async function updateReturning<T = Record<string, unknown>>(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await db.query(sql, params)) as [T[], number] | T[];
  return Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}
