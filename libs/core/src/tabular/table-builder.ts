import { ParsedRow, ParsedTable, ReadTableOptions } from './parsed-table';
import { CellProblem, TabularFormatError } from './tabular-error';

/**
 * Widest table read, CSV and XLSX alike. Our widest legitimate files are a literacy test's
 * results (at most 200 items plus a few student columns); a million-column header is an attack.
 */
export const MAX_COLUMNS = 1000;

/*
 * Shared by the CSV and XLSX readers so both apply identical header and row
 * rules; importers then only deal with named string values.
 *
 * Width rules: spreadsheet tools pad rows with empty trailing cells (Excel's
 * CSV export pads every row to the widest one), so only cells up to the last
 * non-empty one count. A value that has no header to belong to is an error,
 * because silently dropping it would lose data the uploader can see.
 */
export class TableBuilder {
  readonly headers: string[] = [];
  /** Per column index: the key in `values`, or undefined for an unnamed column. */
  private readonly keys: (string | undefined)[] = [];
  private readonly rows: ParsedRow[] = [];
  private readonly problems: CellProblem[] = [];
  private readonly maxRows: number;
  private rowCount = 0;

  constructor(headerCells: readonly (string | undefined)[], headerRow: number, opts?: ReadTableOptions) {
    this.maxRows = opts?.maxRows ?? Number.POSITIVE_INFINITY;
    const names = headerCells.map((cell) => (cell ?? '').trim().normalize('NFC'));
    // NFC: Hangul typed on macOS can arrive decomposed and would then never
    // equal the precomposed names importers ask for in requireHeaders().
    let width = names.length;
    while (width > 0 && names[width - 1] === '') width--;
    if (width > MAX_COLUMNS) {
      throw TabularFormatError.fromProblems([{ row: headerRow, reason: `row has more than ${MAX_COLUMNS} cells` }], 'the file is too wide');
    }

    const problems: CellProblem[] = [];
    const firstColumn = new Map<string, number>();
    for (let i = 0; i < width; i++) {
      const name = names[i];
      if (name === '') {
        this.keys.push(undefined);
        continue;
      }
      if (name === '__proto__') {
        // Assigning it on a plain object is a silent no-op, so its values would vanish.
        problems.push({ row: headerRow, column: name, reason: 'column name is not allowed' });
        this.keys.push(undefined);
        continue;
      }
      const first = firstColumn.get(name);
      if (first !== undefined) {
        problems.push({ row: headerRow, column: name, reason: `column name appears more than once (columns ${first + 1} and ${i + 1})` });
      } else {
        firstColumn.set(name, i);
        this.headers.push(name);
      }
      this.keys.push(name);
    }
    if (problems.length > 0) throw TabularFormatError.fromProblems(problems, 'the header row is invalid');
  }

  /**
   * `cells` is consumed (trimmed in place); holes and undefined mean empty.
   * Blank rows are skipped rather than reported: both formats are full of them.
   */
  add(rowNumber: number, cells: (string | undefined)[]): void {
    const row = this.row(rowNumber, cells);
    if (row) this.rows.push(row);
  }

  /**
   * The row as named values without keeping it (null for a blank row); its problems are kept for
   * finish() / takeProblems(). What a streaming reader calls instead of add().
   */
  row(rowNumber: number, cells: (string | undefined)[]): ParsedRow | null {
    let count = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === undefined) continue;
      const trimmed = cell.trim();
      cells[i] = trimmed;
      if (trimmed !== '') count = i + 1;
    }
    if (count === 0) return null;

    if (++this.rowCount > this.maxRows) {
      // Thrown immediately: the rest of the file is not worth parsing.
      throw TabularFormatError.fromProblems(
        [{ row: rowNumber, reason: `file has more than ${this.maxRows} data rows` }],
        'the file is too large',
      );
    }

    const keys = this.keys;
    const width = keys.length;
    if (count > width) {
      this.problems.push({ row: rowNumber, reason: `row has ${count} cells but the header has ${width}` });
    }

    const values: Record<string, string> = {};
    for (let i = 0; i < width; i++) {
      const key = keys[i];
      const cell = cells[i] ?? '';
      if (key !== undefined) values[key] = cell;
      else if (cell !== '') this.problems.push({ row: rowNumber, reason: `cell in column ${i + 1} has a value but the column has no header` });
    }
    return { rowNumber, values };
  }

  /** Row problems found since the last call (a streaming reader reports them with its own). */
  takeProblems(): CellProblem[] {
    return this.problems.splice(0);
  }

  /** Throws all row problems at once so the uploader can fix them in one go. */
  finish(encoding: string): ParsedTable {
    if (this.problems.length > 0) throw TabularFormatError.fromProblems(this.problems);
    return { headers: this.headers, rows: this.rows, encoding };
  }

  /** Header name for a 0-based column index, for parser errors that only know the index. */
  columnName(index: number): string | undefined {
    return this.keys[index];
  }
}
