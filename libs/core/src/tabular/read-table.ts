import { extname } from 'node:path';
import { withParseSlot } from '../http/upload-limits';
import { ParsedTable, ReadTableOptions } from './parsed-table';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { CellProblem, TabularFormatError } from './tabular-error';

/** How far to look for NUL bytes; text never has them, binaries have them early. */
const SNIFF_BYTES = 8 * 1024;

/**
 * Entry point for uploads. The extension decides, but the bytes overrule it
 * where users predictably mislabel files: a workbook renamed to .csv is read
 * as the workbook it is, a binary renamed to .csv is refused instead of being
 * decoded into garbage rows.
 *
 * At most UPLOAD_PARSE_CONCURRENCY files are read at once per process; the others wait their
 * turn (or get 503 UPLOADS_BUSY when too many wait), see upload-limits.ts.
 */
export function readTable(buf: Buffer, filename: string, opts?: ReadTableOptions): Promise<ParsedTable> {
  return withParseSlot(() => parseTable(buf, filename, opts));
}

/** readTable for a caller that already holds a parse slot (taking a second could wait forever). */
export async function parseTable(buf: Buffer, filename: string, opts?: ReadTableOptions): Promise<ParsedTable> {
  const ext = extname(filename.trim()).toLowerCase();
  if (ext === '.xlsx') return readXlsx(buf, opts);
  if (ext !== '.csv' && ext !== '.txt') {
    const reason = ext === '' ? 'file name has no extension: upload CSV or XLSX' : `unsupported file type '${ext}': upload CSV or XLSX`;
    throw TabularFormatError.fromProblems([{ row: 1, reason }]);
  }

  if (startsWith(buf, ZIP_MAGIC)) return readXlsx(buf, opts);
  // UTF-16 text is full of NULs; let decodeText name it precisely instead.
  if (!startsWith(buf, UTF16LE_BOM) && !startsWith(buf, UTF16BE_BOM) && hasNul(buf)) {
    // OLE2 is how legacy .xls and password-protected workbooks are stored.
    const hint = startsWith(buf, OLE_MAGIC) ? ' (it is a legacy .xls or password-protected workbook; save it as .xlsx or CSV)' : '';
    throw TabularFormatError.fromProblems([{ row: 1, reason: `binary file is not a CSV${hint}` }]);
  }
  return readCsv(buf, opts);
}

/**
 * Extra columns are allowed so that schools can keep their own notes columns
 * and templates can grow without breaking older uploads.
 */
export function requireHeaders(table: ParsedTable, required: string[]): void {
  const present = new Set(table.headers);
  const problems: CellProblem[] = [];
  for (const header of required) {
    // Headers are NFC-normalised when read; the caller's literal may not be.
    if (!present.has(header.normalize('NFC'))) problems.push({ row: 1, column: header, reason: 'required column is missing' });
  }
  if (problems.length > 0) throw TabularFormatError.fromProblems(problems, 'required columns are missing');
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(buf: Buffer, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

function hasNul(buf: Buffer): boolean {
  return buf.subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}
