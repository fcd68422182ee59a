import { CsvError, parse } from 'csv-parse/sync';
import { toUtf8Bytes } from './decode-text';
import { LineCounter } from './line-breaks';
import { ParsedTable, ReadTableOptions } from './parsed-table';
import { MAX_COLUMNS, TableBuilder } from './table-builder';
import { CellProblem, TabularFormatError } from './tabular-error';

export type { ParsedRow, ParsedTable, ReadTableOptions } from './parsed-table';

/*
 * Row numbers come from byte offsets, not from csv-parse's `info.lines`: that
 * counter counts a CRLF inside a quoted cell as two lines (Excel writes CRLF
 * files), so it drifts after the first multi-line cell. The parser does report
 * where each record ends; the next record starts at the first non-blank byte
 * after that, and LineCounter turns that offset into a line in one pass.
 */

const TAB = 0x09;
const LF = 0x0a;
const VT = 0x0b;
const FF = 0x0c;
const CR = 0x0d;
const SPACE = 0x20;
const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * Longest physical line, in bytes. Our widest legitimate files (a literacy test of 200 items,
 * a NEIS school list) have lines of a few hundred bytes; a 19 MB single-line file is not a table.
 */
export const MAX_LINE_BYTES = 64 * 1024;

export function readCsv(buf: Buffer, opts?: ReadTableOptions): ParsedTable {
  // Before decoding or parsing: both cost time and memory in proportion to what they refuse.
  checkShape(buf, detectDelimiter(buf) === '\t' ? TAB : COMMA);
  const { bytes, encoding } = toUtf8Bytes(buf);
  const lines = new LineCounter(bytes);
  let builder: TableBuilder | undefined;
  let recordEnd = 0;

  try {
    parse(bytes, {
      bom: false, // already stripped by toUtf8Bytes
      delimiter: detectDelimiter(bytes),
      // Any mix: Excel cells contain LF inside CRLF files, and files get
      // concatenated from different tools. Longest first so CRLF is one break.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true, // width is checked against the header by TableBuilder, with row numbers
      relax_quotes: true, // a lone " inside an unquoted cell (5" disk) is data, not an error
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        const row = lines.lineAt(skipBlank(bytes, recordEnd));
        recordEnd = context.bytes;
        if (builder !== undefined) builder.add(row, record);
        else if (record.some((cell) => cell !== '')) builder = new TableBuilder(record, row, opts);
        // Rows are collected by the builder; null keeps csv-parse from keeping a second copy.
        return null;
      },
    });
  } catch (err) {
    if (err instanceof CsvError) throw fromCsvError(err, lines.lineAt(skipBlank(bytes, recordEnd)), builder);
    throw err;
  }

  if (builder === undefined) throw TabularFormatError.fromProblems([{ row: 1, reason: 'file is empty' }]);
  return builder.finish(encoding);
}

/**
 * Korean Excel's "Text (Tab delimited)" export is commonly uploaded as .txt;
 * parsing it with commas would yield one giant column and a misleading
 * "missing column" error. Decided from the header line only.
 */
function detectDelimiter(bytes: Buffer): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  for (let i = skipBlank(bytes, 0); i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF || b === CR) break;
    if (b === COMMA) commas++;
    else if (b === TAB) tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * Refuses lines longer than MAX_LINE_BYTES and records of more than MAX_COLUMNS cells in one pass
 * over the raw bytes (CR, LF, comma, tab and quote are single bytes in UTF-8 and CP949 alike).
 * Quotes are followed as csv-parse reads them with trim and relax_quotes: a quote opens a quoted
 * cell only at the start of a cell (after blanks), and "" inside one is an escaped quote.
 * A million-column row is refused here in milliseconds, before csv-parse builds a million cells.
 */
function checkShape(buf: Buffer, delimiter: number): void {
  const len = buf.length;
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;
  let lineStart = i;
  let recordLine = 1;
  let cells = 1;
  let atCellStart = true;
  let quoted = false;
  for (; i < len; i++) {
    // Checked at every byte so that a 19 MB line is refused at its 64 KiB mark, not at its end.
    if (i - lineStart > MAX_LINE_BYTES) break;
    const b = buf[i];
    if (b === LF || b === CR) {
      if (b === CR && buf[i + 1] === LF) i++;
      line++;
      lineStart = i + 1;
      if (!quoted) {
        recordLine = line;
        cells = 1;
        atCellStart = true;
      }
      continue;
    }
    if (quoted) {
      if (b === QUOTE) {
        if (buf[i + 1] === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (b === delimiter) {
      if (++cells > MAX_COLUMNS) {
        throw TabularFormatError.fromProblems([{ row: recordLine, reason: `row has more than ${MAX_COLUMNS} cells` }], 'the file is too wide');
      }
      atCellStart = true;
    } else if (b === QUOTE && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (atCellStart && b !== SPACE && b !== TAB) {
      atCellStart = false;
    }
  }
  if (i < len || len - lineStart > MAX_LINE_BYTES) {
    throw TabularFormatError.fromProblems([{ row: line, reason: `line is longer than ${MAX_LINE_BYTES} bytes` }], 'the file is not a table');
  }
}

/** Same notion of "blank" as csv-parse's skip_empty_lines + trim. */
function skipBlank(bytes: Buffer, pos: number): number {
  while (pos < bytes.length) {
    const b = bytes[pos];
    if (b !== SPACE && b !== TAB && b !== LF && b !== CR && b !== VT && b !== FF) break;
    pos++;
  }
  return pos;
}

function fromCsvError(err: CsvError, row: number, builder: TableBuilder | undefined): TabularFormatError {
  const problem: CellProblem = { row, reason: csvReason(err) };
  // With array records csv-parse reports the 0-based index of the failing field.
  const column = typeof err['column'] === 'number' ? builder?.columnName(err['column']) : undefined;
  if (column !== undefined) problem.column = column;
  return TabularFormatError.fromProblems([problem], 'the file is not valid CSV');
}

function csvReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell starting on this row is never closed (missing ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows the closing quote of a cell; a " inside a quoted cell must be doubled ("")';
    case 'CSV_MAX_RECORD_SIZE':
      return 'row is too long';
    default:
      // The parser's own line numbers are unreliable (see above); ours is in `row`.
      return `malformed CSV: ${err.message.replace(/\s+(?:at|on) line \d+/g, '')}`;
  }
}
