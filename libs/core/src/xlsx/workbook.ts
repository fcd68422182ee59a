import { AppError } from '../errors/app-error';
import { lazyModule } from '../lazy/lazy-module';
import { seoulDate } from '../time/seoul-time';

/**
 * How a column's cells are written: `date` a real date cell of the Seoul calendar day (from
 * YYYY-MM-DD, a Date or an ISO instant), `datetime` an instant in Seoul wall-clock time,
 * `percent` a ratio (0.75) shown as 75.0%. Without a format, values are written as they are.
 */
export type SheetColumnFormat = 'date' | 'datetime' | 'percent';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  format?: SheetColumnFormat;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
}

// exceljs costs the process ~25 MB once loaded: only when a workbook is first built.
const exceljs = lazyModule(() => import('exceljs'));

const NUM_FMT: Record<SheetColumnFormat, string> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', percent: '0.0%' };
/** Korea has kept +09:00 all year since 1988 (see time/seoul-time.ts). */
const SEOUL_OFFSET_MS = 9 * 3600_000;

/** Workbooks as people here expect them: bold frozen header row, filters, one sheet per group. */
export async function buildWorkbook(sheets: SheetSpec[], onSheet?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
  const { Workbook } = (await exceljs()).default;
  const wb = new Workbook();
  wb.creator = '서울특별시교육청 AI 교육 플랫폼';
  wb.created = new Date();
  for (const [i, sheet] of sheets.entries()) {
    // Excel limits sheet names to 31 characters and forbids a few symbols.
    const ws = wb.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14, ...(c.format && { style: { numFmt: NUM_FMT[c.format] } }) }));
    ws.getRow(1).font = { bold: true };
    const dated = sheet.columns.filter((c) => c.format === 'date' || c.format === 'datetime');
    for (const row of sheet.rows) ws.addRow(dated.length ? { ...row, ...Object.fromEntries(dated.map((c) => [c.key, excelDate(row[c.key], c.format === 'datetime')])) } : row);
    ws.autoFilter = { from: 'A1', to: { row: 1, column: sheet.columns.length } };
    await onSheet?.(i + 1, sheets.length);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A date cell showing the Seoul day (or wall-clock time): Excel has no time zones, and exceljs
 * writes a Date's UTC fields, so the cell gets the instant whose UTC fields are Seoul's.
 */
function excelDate(value: unknown, withTime: boolean): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+09:00`) : new Date(value as Date | string | number);
  if (Number.isNaN(at.getTime())) return null;
  return withTime ? new Date(at.getTime() + SEOUL_OFFSET_MS) : new Date(`${seoulDate(at)}T00:00:00Z`);
}

/** The most rows a workbook built within a request may hold (the background jobs have their own bounds). */
export const EXPORT_MAX_ROWS = 50_000;

export class ExportTooLargeError extends AppError {
  constructor(limit: number) {
    super('EXPORT_TOO_LARGE', `More than ${limit} rows match: narrow the filter (a school, an office) and download again`, 422, [{ limit }]);
  }
}

/** The rows of an export read with `LIMIT max + 1`: all of them, or a 422 when more matched (never a silently cut list). */
export function exportRows<T>(rows: T[], max = EXPORT_MAX_ROWS): T[] {
  if (rows.length > max) throw new ExportTooLargeError(max);
  return rows;
}
