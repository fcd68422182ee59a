/*
 * The safety net behind the DTOs: PostgreSQL errors that only bad input can cause become a 400
 * naming the column where PostgreSQL says which, instead of a 500. The DTOs are the real fix
 * (they reject such input before any query); every use of this net is logged at warn with the
 * request id, since it means a DTO let something through, and test/fuzz.e2e-spec.ts fails on it.
 */

/** SQLSTATEs of values the database cannot take, with what they tell the client. */
const INPUT_ERRORS: Record<string, string> = {
  '22001': 'is too long',
  '22003': 'is out of range',
  '22007': 'is not a valid date or time',
  '22008': 'is a date or time out of range',
  '22021': 'holds characters that cannot be stored',
  '22P02': 'is not a valid value of its type',
  '22P05': 'holds characters that cannot be stored',
  '23502': 'is required',
  '23514': 'breaks a rule of the data',
  '54000': 'is too large',
};

export const DATABASE_REFUSED_INPUT = 'INPUT_REFUSED';

interface PgError {
  name?: string;
  code?: string;
  column?: string;
  constraint?: string;
  table?: string;
  driverError?: PgError;
}

/** The field and reason when `e` is a query that failed on its input, otherwise undefined. */
export function databaseInputError(e: unknown): { field: string; reason: string; sqlState: string; constraint?: string } | undefined {
  const outer = e as PgError | null;
  if (!outer || outer.name !== 'QueryFailedError') return undefined;
  const pg = outer.driverError ?? outer;
  const what = pg.code ? INPUT_ERRORS[pg.code] : undefined;
  if (!what) return undefined;
  const field = pg.column ?? 'body';
  return { field, reason: `${pg.column ? 'the value' : 'a value'} ${what}`, sqlState: pg.code!, ...(pg.constraint ? { constraint: pg.constraint } : {}) };
}
