/** The audited view of a row: its own fields, without bookkeeping timestamps. */
export function snapshot<T extends object>(row: T): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = row as Record<string, unknown>;
  return rest;
}
