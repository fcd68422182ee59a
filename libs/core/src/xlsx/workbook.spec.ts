import ExcelJS from 'exceljs';
import { readXlsx } from '../tabular/read-xlsx';
import { buildWorkbook, exportRows, ExportTooLargeError } from './workbook';

describe('buildWorkbook', () => {
  it('writes real date cells of the Seoul day and time, ratios as percentages, under a frozen bold header', async () => {
    const buf = await buildWorkbook([
      {
        name: '목록',
        columns: [
          { header: '이름', key: 'name', width: 20 },
          { header: '날짜', key: 'day', format: 'date' },
          { header: '시각', key: 'at', format: 'datetime' },
          { header: '응답률', key: 'rate', format: 'percent' },
        ],
        rows: [
          // 23:30 UTC on 1 March is 08:30 on 2 March in Seoul.
          { name: '가', day: '2026-03-02', at: '2026-03-01T23:30:00Z', rate: 0.75 },
          { name: '나', day: new Date('2026-02-28T16:00:00Z'), at: null, rate: null },
        ],
      },
    ]);
    const table = await readXlsx(buf);
    expect(table.headers).toEqual(['이름', '날짜', '시각', '응답률']);
    expect(table.rows.map((r) => r.values)).toEqual([
      { 이름: '가', 날짜: '2026-03-02', 시각: '2026-03-02 08:30:00', 응답률: '0.75' },
      { 이름: '나', 날짜: '2026-03-01', 시각: '', 응답률: '' },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font).toMatchObject({ bold: true });
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getCell('B2').value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D2').numFmt).toBe('0.0%');
  });

  it('refuses an export larger than its bound instead of cutting it short', () => {
    expect(exportRows([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(() => exportRows([1, 2, 3, 4], 3)).toThrow(ExportTooLargeError);
  });
});
