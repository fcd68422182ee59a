import { ConflictError, ValidationFailedError } from '../errors';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgError;
}

export type ConstraintMessages = Record<string, { field: string; message: string }>;

/**
 * Turns a unique or check violation that the database caught (the last word under concurrency)
 * into a 409/400 naming the field; anything else is rethrown untouched.
 */
export function rethrowConstraint(e: unknown, messages: ConstraintMessages): never {
  const pg = ((e as PgError)?.driverError ?? e) as PgError;
  const known = pg?.constraint ? messages[pg.constraint] : undefined;
  if (known && pg.code === '23505') throw new ConflictError(known.message, [{ field: known.field, reason: known.message }], 'DUPLICATE');
  if (known && (pg.code === '23514' || pg.code === '23503')) throw new ValidationFailedError(known.message, [{ field: known.field, reason: known.message }]);
  throw e;
}
