import { Workbook } from 'exceljs';
import iconv from 'iconv-lite';
import { ParsedTable } from './parsed-table';
import { readTable, requireHeaders } from './read-table';
import { CellProblem, TabularFormatError } from './tabular-error';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('명단');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function problemsOf(fn: () => unknown): Promise<CellProblem[]> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TabularFormatError);
    return (err as TabularFormatError).problems;
  }
  throw new Error('expected a TabularFormatError');
}

describe('readTable', () => {
  it('reads .csv and .txt (any case) as text', async () => {
    const csv = await readTable(iconv.encode('학교명,학년\r\n서울초,3\r\n', 'cp949'), '명단.CSV');
    expect(csv).toEqual({ headers: ['학교명', '학년'], rows: [{ rowNumber: 2, values: { 학교명: '서울초', 학년: '3' } }], encoding: 'cp949' });
    const txt = await readTable(utf8('이름\t학년\n가\t1\n'), 'C:\\fakepath\\export.txt');
    expect(txt.rows[0].values).toEqual({ 이름: '가', 학년: '1' });
  });

  it('reads .xlsx with exceljs', async () => {
    const table = await readTable(await workbook([['학교명', '학생수'], ['서울초', 312]]), 'schools.xlsx');
    expect(table).toEqual({ headers: ['학교명', '학생수'], rows: [{ rowNumber: 2, values: { 학교명: '서울초', 학생수: '312' } }], encoding: 'xlsx' });
  });

  it('reads a .csv that is really an XLSX workbook as XLSX', async () => {
    const table = await readTable(await workbook([['학교명'], ['서울초']]), '학교목록.csv');
    expect(table.encoding).toBe('xlsx');
    expect(table.rows[0].values['학교명']).toBe('서울초');
  });

  it('rejects unsupported extensions by name', async () => {
    expect(await problemsOf(() => readTable(utf8('a\n1\n'), 'neis.xls'))).toEqual([
      { row: 1, reason: "unsupported file type '.xls': upload CSV or XLSX" },
    ]);
    expect(await problemsOf(() => readTable(utf8('a\n1\n'), 'scan.PDF'))).toEqual([
      { row: 1, reason: "unsupported file type '.pdf': upload CSV or XLSX" },
    ]);
    expect(await problemsOf(() => readTable(utf8('a\n1\n'), 'noextension'))).toEqual([
      { row: 1, reason: 'file name has no extension: upload CSV or XLSX' },
    ]);
  });

  it('rejects binary content in a .csv', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(await problemsOf(() => readTable(png, 'photo.csv'))).toEqual([{ row: 1, reason: 'binary file is not a CSV' }]);
  });

  it('explains UTF-16 text instead of calling it binary', async () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('이름\t학년\r\n', 'utf16le')]);
    const [problem] = await problemsOf(() => readTable(buf, 'export.txt'));
    expect(problem.reason).toMatch(/UTF-16/);
  });

  it('does not hide a mixed-encoding error behind the sniffing', async () => {
    const buf = Buffer.concat([utf8('이름\n가\n'), iconv.encode('나\n', 'cp949')]);
    expect(await problemsOf(() => readTable(buf, 'a.csv'))).toEqual([
      { row: 3, reason: 'row is encoded as CP949 while the rest of the file is UTF-8' },
    ]);
  });
});

describe('requireHeaders', () => {
  const table: ParsedTable = { headers: ['학교코드', '학교명', '비고'], rows: [], encoding: 'utf-8' };

  it('accepts extra columns', () => {
    expect(() => requireHeaders(table, ['학교명', '학교코드'])).not.toThrow();
  });

  it('reports every missing column on row 1', () => {
    let error: unknown;
    try {
      requireHeaders(table, ['학교코드', '주소', '학교급']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TabularFormatError);
    expect((error as TabularFormatError).problems).toEqual([
      { row: 1, column: '주소', reason: 'required column is missing' },
      { row: 1, column: '학교급', reason: 'required column is missing' },
    ]);
    expect((error as TabularFormatError).message).toBe(
      "required columns are missing: row 1, column '주소': required column is missing; row 1, column '학교급': required column is missing",
    );
  });

  it('matches decomposed spellings of a required name', () => {
    expect(() => requireHeaders(table, ['학교명'.normalize('NFD')])).not.toThrow();
  });
});
