import iconv from 'iconv-lite';
import { readCsv } from './read-csv';
import { CellProblem, TabularFormatError } from './tabular-error';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function problemsOf(fn: () => unknown): CellProblem[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TabularFormatError);
    return (err as TabularFormatError).problems;
  }
  throw new Error('expected a TabularFormatError');
}

describe('readCsv', () => {
  it('reads UTF-8 with CRLF, trimming headers and cells', () => {
    const table = readCsv(utf8(' 학교명 , 학년 \r\n 서울초등학교 ,3\r\n"  부산초  ", 4 \r\n'));
    expect(table).toEqual({
      headers: ['학교명', '학년'],
      rows: [
        { rowNumber: 2, values: { 학교명: '서울초등학교', 학년: '3' } },
        { rowNumber: 3, values: { 학교명: '부산초', 학년: '4' } },
      ],
      encoding: 'utf-8',
    });
  });

  it('reads UTF-8 with a BOM without leaking it into the first header', () => {
    const table = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('학교명,학년\r\n서울초,3\r\n')]));
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers).toEqual(['학교명', '학년']);
    expect(table.rows[0].values['학교명']).toBe('서울초');
  });

  it('reads CP949 Korean text', () => {
    const table = readCsv(iconv.encode('학교코드,학교명\r\n7010057,서울가락초등학교\r\n', 'cp949'));
    expect(table.encoding).toBe('cp949');
    expect(table.rows).toEqual([{ rowNumber: 2, values: { 학교코드: '7010057', 학교명: '서울가락초등학교' } }]);
  });

  it('reports the start line of records with multi-line quoted cells', () => {
    const csv = [
      '이름,메모\r\n', // 1
      '김철수,"첫째 줄\r\n', // 2
      '둘째 줄"\r\n', // 3
      '이영희,한 줄\r\n', // 4
      '\r\n', // 5 blank
      '박민수,"a\nb\nc"\r\n', // 6-8: Excel puts LF inside cells of CRLF files
      '   \r\n', // 9 whitespace only
      '정수진,"끝"', // 10, no final newline
    ].join('');
    const table = readCsv(utf8(csv));
    expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 4, 6, 10]);
    expect(table.rows[0].values['메모']).toBe('첫째 줄\r\n둘째 줄');
    expect(table.rows[2].values['메모']).toBe('a\nb\nc');
    expect(table.rows[3].values).toEqual({ 이름: '정수진', 메모: '끝' });
  });

  it('numbers rows by physical line when blank lines precede the header', () => {
    const table = readCsv(utf8('\n\n이름,학년\n가,1\n\n나,2\n'));
    expect(table.headers).toEqual(['이름', '학년']);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([4, 6]);
  });

  it('reports rows with more cells than the header, ignoring trailing empty cells', () => {
    const csv = 'a,b\n1,2\n1,2,3\n1,2,,\n1\n';
    expect(problemsOf(() => readCsv(utf8(csv)))).toEqual([{ row: 3, reason: 'row has 3 cells but the header has 2' }]);
  });

  it('fills missing trailing cells with empty strings and skips all-empty rows', () => {
    const table = readCsv(utf8('a,b,c\n1\n,,\n2,x\n'));
    expect(table.rows).toEqual([
      { rowNumber: 2, values: { a: '1', b: '', c: '' } },
      { rowNumber: 4, values: { a: '2', b: 'x', c: '' } },
    ]);
  });

  it('ignores unnamed columns unless a row puts a value in them', () => {
    expect(readCsv(utf8('a,,c,,\n1,,3,,\n')).headers).toEqual(['a', 'c']);
    expect(problemsOf(() => readCsv(utf8('a,,c\n1,,3\n1,x,3\n')))).toEqual([
      { row: 3, reason: 'cell in column 2 has a value but the column has no header' },
    ]);
  });

  it('rejects duplicate header names, naming the column', () => {
    expect(problemsOf(() => readCsv(utf8('이름,학년, 이름\n가,1,나\n')))).toEqual([
      { row: 1, column: '이름', reason: 'column name appears more than once (columns 1 and 3)' },
    ]);
  });

  it('normalises decomposed (macOS) Hangul headers to NFC', () => {
    const table = readCsv(utf8(`${'학교명'.normalize('NFD')},학년\n서울,1\n`));
    expect(table.headers).toEqual(['학교명', '학년']);
    expect(table.rows[0].values['학교명']).toBe('서울');
  });

  it('reports an unclosed quote at the line where the record starts', () => {
    const csv = 'a,b\r\n1,2\r\n3,"never closed\r\n4,5\r\n6,7\r\n';
    expect(problemsOf(() => readCsv(utf8(csv)))).toEqual([
      { row: 3, column: 'b', reason: 'a quoted cell starting on this row is never closed (missing ")' },
    ]);
  });

  it('reports text after a closing quote with row and column', () => {
    const [problem] = problemsOf(() => readCsv(utf8('a,b\n1,2\n1,"x"y\n')));
    expect(problem).toMatchObject({ row: 3, column: 'b' });
    expect(problem.reason).toMatch(/closing quote/);
  });

  it('keeps a lone quote inside an unquoted cell as data', () => {
    expect(readCsv(utf8('item\n5" disk\n')).rows[0].values['item']).toBe('5" disk');
  });

  it('reads tab-delimited text (Excel "Text (Tab delimited)")', () => {
    const table = readCsv(iconv.encode('이름\t주소\r\n가\t서울, 송파구\r\n', 'cp949'));
    expect(table.rows[0].values).toEqual({ 이름: '가', 주소: '서울, 송파구' });
  });

  it('reports an empty file as row 1', () => {
    expect(problemsOf(() => readCsv(Buffer.alloc(0)))).toEqual([{ row: 1, reason: 'file is empty' }]);
    expect(problemsOf(() => readCsv(utf8('\r\n  \r\n,,\r\n')))).toEqual([{ row: 1, reason: 'file is empty' }]);
  });

  it('returns no rows for a header-only file', () => {
    expect(readCsv(utf8('a,b\n'))).toEqual({ headers: ['a', 'b'], rows: [], encoding: 'utf-8' });
  });

  it('stops at maxRows, naming the first row over the limit', () => {
    const csv = 'a\n1\n2\n\n3\n4\n';
    expect(readCsv(utf8(csv), { maxRows: 4 }).rows).toHaveLength(4);
    expect(problemsOf(() => readCsv(utf8(csv), { maxRows: 2 }))).toEqual([{ row: 5, reason: 'file has more than 2 data rows' }]);
  });

  it('rejects a file that mixes encodings, naming the row', () => {
    const buf = Buffer.concat([utf8('이름,학년\n가,1\n'), iconv.encode('나,2\n', 'cp949'), utf8('다,3\n')]);
    expect(problemsOf(() => readCsv(buf))).toEqual([
      { row: 3, reason: 'row is encoded as CP949 while the rest of the file is UTF-8' },
    ]);
  });

  it('refuses rows of more than 1000 cells before parsing them, counting delimiters outside quotes only', () => {
    const row = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect(readCsv(utf8(`${row(1000)}\n`)).headers).toHaveLength(1000);
    expect(problemsOf(() => readCsv(utf8(`a\n1\n${row(1001)}\n`)))).toEqual([{ row: 3, reason: 'row has more than 1000 cells' }]);
    expect(readCsv(utf8(`a,b\n"${','.repeat(5000)}",x\n`)).rows[0].values['b']).toBe('x');
    // A record of quoted line breaks spans many short lines; it is named by the line it starts on.
    const spanning = `a\n${Array(1001).fill('"\n"').join(',')}\n`;
    expect(problemsOf(() => readCsv(utf8(spanning)))).toEqual([{ row: 2, reason: 'row has more than 1000 cells' }]);
    // A million columns (9 MB): refused at the first row, without building it.
    expect(problemsOf(() => readCsv(utf8(row(1_000_000))))).toEqual([{ row: 1, reason: 'row has more than 1000 cells' }]);
  });

  it('refuses a line longer than 64 KiB, naming it, without reading the rest', () => {
    expect(readCsv(utf8(`a\n${'x'.repeat(65_536)}\n`)).rows[0].values['a']).toHaveLength(65_536);
    expect(problemsOf(() => readCsv(utf8(`a\r\n1\r\n${'x'.repeat(65_537)}\r\n2\r\n`)))).toEqual([{ row: 3, reason: 'line is longer than 65536 bytes' }]);
    const err = (() => {
      try {
        readCsv(Buffer.alloc(19 * 1024 * 1024, 'x'));
      } catch (e) {
        return e as TabularFormatError;
      }
    })();
    expect(err?.problems).toEqual([{ row: 1, reason: 'line is longer than 65536 bytes' }]);
    expect(err?.message).toBe('the file is not a table: row 1: line is longer than 65536 bytes');
  });

  it('parses a 100,000-row file', () => {
    const lines = ['학번,이름,학교명,연수명,이수일'];
    for (let i = 1; i <= 100_000; i++) lines.push(`${i},학생${i},"서울초등학교, 본관",AI 기초 연수,2024-03-04`);
    const table = readCsv(utf8(lines.join('\r\n') + '\r\n'));
    expect(table.rows).toHaveLength(100_000);
    const last = table.rows[table.rows.length - 1];
    expect(last.rowNumber).toBe(100_001);
    expect(last.values).toEqual({ 학번: '100000', 이름: '학생100000', 학교명: '서울초등학교, 본관', 연수명: 'AI 기초 연수', 이수일: '2024-03-04' });
  }, 60_000);
});
