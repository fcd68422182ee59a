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

/** How many problems the message spells out; the full list stays in `problems`. */
const MESSAGE_PROBLEM_LIMIT = 5;

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
  static fromProblems(problems: CellProblem[], summary?: string): TabularFormatError {
    const shown = problems.slice(0, MESSAGE_PROBLEM_LIMIT).map(describeProblem).join('; ');
    const rest = problems.length > MESSAGE_PROBLEM_LIMIT ? ` (and ${problems.length - MESSAGE_PROBLEM_LIMIT} more)` : '';
    const head = summary ?? (problems.length === 1 ? 'the file cannot be imported' : `the file has ${problems.length} problems`);
    return new TabularFormatError(problems, `${head}: ${shown}${rest}`);
  }
}

function describeProblem(p: CellProblem): string {
  return p.column === undefined ? `row ${p.row}: ${p.reason}` : `row ${p.row}, column '${p.column}': ${p.reason}`;
}
