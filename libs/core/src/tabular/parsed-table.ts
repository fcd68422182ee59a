export interface ParsedRow {
  /** Line (CSV) or Excel row number where the record starts; header is row 1. */
  rowNumber: number;
  /** Every header is present as a key; absent cells are ''. */
  values: Record<string, string>;
}

export interface ParsedTable {
  /** Trimmed, NFC-normalised, unique, in file order; unnamed columns left out. */
  headers: string[];
  rows: ParsedRow[];
  /** 'utf-8' | 'utf-8-bom' | 'cp949' for text files, 'xlsx' for workbooks. */
  encoding: string;
}

export interface ReadTableOptions {
  /** Upper bound on data rows (header excluded); exceeding it is an error, not a truncation. */
  maxRows?: number;
}
