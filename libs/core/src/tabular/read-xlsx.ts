import { Cell, CellValue, Workbook } from 'exceljs';
import { ParsedTable, ReadTableOptions } from './parsed-table';
import { TableBuilder } from './table-builder';
import { TabularFormatError } from './tabular-error';

/*
 * Goal: the strings a person would get by saving the first sheet as CSV from
 * Excel, so importers behave the same whichever format a school sends.
 */

type ExcelBuffer = Parameters<Workbook['xlsx']['load']>[0];

const NOT_XLSX = 'not a readable XLSX file';

export async function readXlsx(buf: Buffer, opts?: ReadTableOptions): Promise<ParsedTable> {
  const workbook = new Workbook();
  try {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which a
    // Node Buffer does not satisfy in @types/node 20; at runtime it wants this one.
    await workbook.xlsx.load(buf as unknown as ExcelBuffer);
  } catch {
    throw notXlsx(buf);
  }
  // `worksheets` is in tab order; getWorksheet(1) is by internal id, which
  // stops being the first tab once sheets are reordered or deleted.
  const sheet = workbook.worksheets[0];
  // Excel cannot save a workbook without sheets, so this is some other zip.
  if (sheet === undefined) throw notXlsx(buf);

  let builder: TableBuilder | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    if (builder !== undefined) builder.add(rowNumber, cells);
    // Rows with only formatting left are not a header; the first row with text is.
    else if (cells.some((cell) => cell !== undefined && cell.trim() !== '')) builder = new TableBuilder(cells, rowNumber, opts);
  });

  if (builder === undefined) throw TabularFormatError.fromProblems([{ row: 1, reason: 'file is empty' }]);
  return builder.finish('xlsx');
}

function notXlsx(buf: Buffer): TabularFormatError {
  // OLE2 compound file: a legacy .xls, or any workbook saved with a password.
  const ole = buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  const reason = ole ? `${NOT_XLSX} (it is a legacy .xls or password-protected workbook; save it as .xlsx without a password)` : NOT_XLSX;
  return TabularFormatError.fromProblems([{ row: 1, reason }]);
}

function cellText(cell: Cell): string {
  // Excel's own CSV export writes a merged range's value once, in its top-left cell.
  if (cell.isMerged && cell.master !== cell) return '';
  const value = cell.value;
  if (typeof value === 'number') return numberText(value, cell.numFmt);
  return valueText(value);
}

function valueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, undefined);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  // Formulas: the cached result is what the user saw; unset when never calculated.
  if ('formula' in value || 'sharedFormula' in value) return valueText(value.result ?? null);
  // Hyperlink text may itself be rich text, despite the declared type.
  if ('hyperlink' in value) return valueText(value.text as CellValue);
  return '';
}

/**
 * Plain decimal, never exponent notation, and rounded to Excel's 15
 * significant digits so 0.1+0.2 reads as 0.3, as in the grid.
 * A zero-padding format (00000) is applied, because codes such as student
 * numbers are typed as numbers and only look right through that format.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  // Integers below 1e15 already fit in 15 digits; skipping toPrecision matters
  // for 100,000-row sheets of student numbers.
  const rounded = Number.isInteger(value) && Math.abs(value) < 1e15 ? value : Number(value.toPrecision(15));
  if (numFmt !== undefined && /^0+$/.test(numFmt) && Number.isInteger(rounded) && rounded >= 0) {
    return plainDecimal(rounded).padStart(numFmt.length, '0');
  }
  return plainDecimal(rounded);
}

function plainDecimal(value: number): string {
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const negative = value < 0;
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point === -1 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Position of the decimal point relative to the start of `digits`.
  const intLength = (point === -1 ? mantissa.length : point) + exponent;
  let out: string;
  if (intLength <= 0) out = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (intLength >= digits.length) out = digits + '0'.repeat(intLength - digits.length);
  else out = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return negative ? `-${out}` : out;
}

/**
 * exceljs returns date cells as UTC instants holding the wall-clock value.
 * Date-only values (the usual case: birth dates, completion dates) become
 * YYYY-MM-DD; a time part is kept rather than silently dropped.
 */
function dateText(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  // Serial numbers are floats; round to whole seconds so 10:00 does not read 09:59:59.
  const d = new Date(Math.round(ms / 1000) * 1000);
  const ymd = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return ymd;
  const hms = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  // Serial < 1 is a time-only cell; its date part (1899-12-30) is meaningless.
  return ms < EXCEL_DAY_ONE ? hms : `${ymd} ${hms}`;
}

/** 1899-12-31T00:00Z, serial 1 in the 1900 date system. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
