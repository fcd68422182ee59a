import { ValidationFailedError } from '../errors/app-error';
import { clipReason, excerpt } from '../errors/excerpt';
/**
 * One thing wrong with an uploaded file, addressed the way the uploader will
 * look for it: `row` is the 1-based line as Excel shows it (header = row 1),
 * so the message can be acted on without knowing how we parse.
 */
export interface CellProblem {
  row: number;
  /** Header name, when the problem belongs to one column. */
  column?: string;
  reason: string;
}

/** How many problems the message spells out. */
const MESSAGE_PROBLEM_LIMIT = 5;
/**
 * How many problems are kept. The HTTP layer returns them all as error
 * details, and a wrong file can have one per row (100,000 rows); nobody fixes
 * a file from a list that long, but the response would be megabytes.
 */
const LISTED_PROBLEM_LIMIT = 1000;

export class TabularFormatError extends Error {
  override readonly name = 'TabularFormatError';

  constructor(
    public readonly problems: CellProblem[],
    message: string,
  ) {
    super(message);
  }

  /**
   * The HTTP layer sends `message` as-is, so importers that only have a list
   * of problems get a readable sentence instead of inventing their own format.
   */
  static fromProblems(all: CellProblem[], summary?: string): TabularFormatError {
    const total = all.length;
    const problems = all.slice(0, LISTED_PROBLEM_LIMIT).map(clipProblem);
    const shown = problems.slice(0, MESSAGE_PROBLEM_LIMIT).map(describeProblem).join('; ');
    // The message keeps the true total even when `problems` is truncated.
    const rest = total > MESSAGE_PROBLEM_LIMIT ? ` (and ${total - MESSAGE_PROBLEM_LIMIT} more)` : '';
    const head = summary ?? (total === 1 ? 'the file cannot be imported' : `the file has ${total} problems`);
    return new TabularFormatError(problems, `${head}: ${shown}${rest}`);
  }
}

/**
 * Column names and reasons can carry text from the file (a header, a bad value), which may be
 * as long as a line: only an excerpt of it goes back to the uploader.
 */
function clipProblem(p: CellProblem): CellProblem {
  const out: CellProblem = { ...p, reason: clipReason(p.reason) };
  if (p.column !== undefined) out.column = excerpt(p.column);
  return out;
}

function describeProblem(p: CellProblem): string {
  return p.column === undefined ? `row ${p.row}: ${p.reason}` : `row ${p.row}, column '${p.column}': ${p.reason}`;
}

/** An all-or-nothing import refused: every bad row listed (up to the limit) with row, column and reason. */
export function importRejected(problems: CellProblem[]): ValidationFailedError {
  const rowsAtFault = new Set(problems.map((p) => p.row)).size;
  return new ValidationFailedError(`${rowsAtFault} row(s) are invalid; nothing was imported`, problems.slice(0, LISTED_PROBLEM_LIMIT).map((p) => ({ ...clipProblem(p) })), 'IMPORT_REJECTED');
}
