import { Workbook, Worksheet } from 'exceljs';
import { readXlsx } from './read-xlsx';
import { CellProblem, TabularFormatError } from './tabular-error';

async function xlsx(build: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function problemsOf(promise: Promise<unknown>): Promise<CellProblem[]> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TabularFormatError);
    return (err as TabularFormatError).problems;
  }
  throw new Error('expected a TabularFormatError');
}

function completionSheet(ws: Worksheet): void {
  ws.addRow(['학번', ' 이름 ', '이수일', '점수', '비고', '합계']);
  const r2 = ws.addRow([1, '김철수', new Date(Date.UTC(2024, 2, 4)), 0.1 + 0.2, { richText: [{ text: '우수 ' }, { text: '이수자', font: { bold: true } }] }]);
  r2.getCell(3).numFmt = 'yyyy-mm-dd';
  r2.getCell(6).value = { formula: 'D2*2', result: 0.6 };
  // Row 3 left empty on purpose; row 4 has the remaining value shapes.
  const r4 = ws.getRow(4);
  r4.values = [7, ' 이영희 ', new Date(Date.UTC(2024, 2, 4, 9, 30)), 1e-7, true, { formula: 'NA()', result: { error: '#N/A' } }];
  r4.getCell(1).numFmt = '00000';
  r4.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
}

describe('readXlsx', () => {
  it('reads the first sheet back as strings, with Excel row numbers', async () => {
    const buf = await xlsx((wb) => {
      completionSheet(wb.addWorksheet('이수자'));
      wb.addWorksheet('메모').addRow(['not', 'read']);
    });
    const table = await readXlsx(buf);
    expect(table).toEqual({
      headers: ['학번', '이름', '이수일', '점수', '비고', '합계'],
      rows: [
        { rowNumber: 2, values: { 학번: '1', 이름: '김철수', 이수일: '2024-03-04', 점수: '0.3', 비고: '우수 이수자', 합계: '0.6' } },
        { rowNumber: 4, values: { 학번: '00007', 이름: '이영희', 이수일: '2024-03-04 09:30:00', 점수: '0.0000001', 비고: 'TRUE', 합계: '#N/A' } },
      ],
      encoding: 'xlsx',
    });
  });

  it('writes large and exact numbers as plain decimals', async () => {
    const buf = await xlsx((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['n']);
      for (const n of [7010057, 1234567890123, 2.5, -0.125, 1.5e21]) ws.addRow([n]);
    });
    const table = await readXlsx(buf);
    expect(table.rows.map((r) => r.values['n'])).toEqual(['7010057', '1234567890123', '2.5', '-0.125', '1500000000000000000000']);
  });

  it('reads hyperlink text and treats never-calculated formulas as empty', async () => {
    const buf = await xlsx((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['홈페이지', '합계']);
      ws.addRow([{ text: '서울초', hyperlink: 'https://example.org' }, { formula: 'SUM(A1:A9)' }]);
    });
    expect((await readXlsx(buf)).rows).toEqual([{ rowNumber: 2, values: { 홈페이지: '서울초', 합계: '' } }]);
  });

  it('reads only the top-left cell of a merged range, like Excel CSV export', async () => {
    const buf = await xlsx((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['학교', '학년', '반']);
      ws.addRow(['서울초', '3', '1']);
      ws.addRow(['', '3', '2']);
      ws.mergeCells('A2:A3');
    });
    const table = await readXlsx(buf);
    expect(table.rows.map((r) => r.values['학교'])).toEqual(['서울초', '']);
  });

  it('uses the tab order, not sheet ids, to find the first sheet', async () => {
    const buf = await xlsx((wb) => {
      wb.addWorksheet('old').addRow(['old']);
      wb.addWorksheet('new').addRow(['new']);
      wb.removeWorksheet(wb.getWorksheet('old')!.id);
      wb.addWorksheet('later').addRow(['later']);
    });
    expect((await readXlsx(buf)).headers).toEqual(['new']);
  });

  it('applies the shared header and width rules', async () => {
    const dup = await xlsx((wb) => wb.addWorksheet('s').addRow(['이름', '이름']));
    expect(await problemsOf(readXlsx(dup))).toEqual([
      { row: 1, column: '이름', reason: 'column name appears more than once (columns 1 and 2)' },
    ]);

    const wide = await xlsx((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['a', 'b']);
      ws.getRow(3).values = ['1', '2', '3'];
    });
    expect(await problemsOf(readXlsx(wide))).toEqual([{ row: 3, reason: 'row has 3 cells but the header has 2' }]);
  });

  it('enforces maxRows', async () => {
    const buf = await xlsx((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['a']);
      for (let i = 0; i < 5; i++) ws.addRow([i]);
    });
    expect(await problemsOf(readXlsx(buf, { maxRows: 3 }))).toEqual([{ row: 5, reason: 'file has more than 3 data rows' }]);
  });

  it('reports an empty sheet as row 1', async () => {
    const buf = await xlsx((wb) => wb.addWorksheet('s'));
    expect(await problemsOf(readXlsx(buf))).toEqual([{ row: 1, reason: 'file is empty' }]);
  });

  it('reports bytes that are not a workbook', async () => {
    expect(await problemsOf(readXlsx(Buffer.from('a,b\n1,2\n')))).toEqual([{ row: 1, reason: 'not a readable XLSX file' }]);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const [problem] = await problemsOf(readXlsx(ole));
    expect(problem.reason).toMatch(/^not a readable XLSX file \(it is a legacy \.xls or password-protected workbook/);
  });
});
