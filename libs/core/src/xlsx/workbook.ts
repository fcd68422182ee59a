import ExcelJS from 'exceljs';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
}

/** Workbooks as people here expect them: bold frozen header row, filters, one sheet per group. */
export async function buildWorkbook(sheets: SheetSpec[], onSheet?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '서울특별시교육청 AI 교육 플랫폼';
  wb.created = new Date();
  for (const [i, sheet] of sheets.entries()) {
    // Excel limits sheet names to 31 characters and forbids a few symbols.
    const ws = wb.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.autoFilter = { from: 'A1', to: { row: 1, column: sheet.columns.length } };
    await onSheet?.(i + 1, sheets.length);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
