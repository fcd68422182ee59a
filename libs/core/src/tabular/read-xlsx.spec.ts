import { Workbook, Worksheet } from 'exceljs';
import { buildZip, part, xlsxBomb } from '../../../../test/support/zip-bombs';
import { readXlsx } from './read-xlsx';
import { CellProblem, TabularFormatError } from './tabular-error';

async function xlsx(build: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand, as other tools write them: `sheet` is the inside of <sheetData>. */
function handWritten(sheet: string, opts: { shared?: string; styles?: string; workbookPr?: string; prefix?: string; after?: string } = {}): Buffer {
  const x = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const rels = [
    `<Relationship Id="rIdS" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/>`,
    opts.shared === undefined ? '' : `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="strings.xml"/>`,
    opts.styles === undefined ? '' : `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>`,
  ].join('');
  return buildZip([
    part('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0"?><${x}workbook ${ns} xmlns:r="${REL}">${opts.workbookPr ?? ''}<${x}sheets><${x}sheet name="a&gt;b" sheetId="7" r:id="rIdS"/></${x}sheets></${x}workbook>`),
    part('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`),
    ...(opts.shared === undefined ? [] : [part('xl/strings.xml', `<${x}sst ${ns}>${opts.shared}</${x}sst>`)]),
    ...(opts.styles === undefined ? [] : [part('xl/styles.xml', `<${x}styleSheet ${ns}>${opts.styles}</${x}styleSheet>`)]),
    part('xl/worksheets/data.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by hand --><${x}worksheet ${ns}><${x}sheetData>${sheet}</${x}sheetData>${opts.after ?? ''}</${x}worksheet>`),
  ]);
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

  it('reads workbooks other tools write: prefixes, no references, rich and phonetic text, escapes, CDATA, styles', async () => {
    const shared = [
      '<si><t>이름</t></si>',
      '<si><r><rPr><b/></rPr><t xml:space="preserve">우수 </t></r><r><t>이수자</t></r><rPh sb="0" eb="1"><t>ゆうしゅう</t></rPh></si>',
      '<si><t>A&amp;B_x000D_C</t></si>',
      '<si/>',
    ].join('');
    const styles = '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;년&quot; mm&quot;월&quot;"/><numFmt numFmtId="165" formatCode="00000"/></numFmts>'
      + '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs>';
    const rows = [
      '<row><c t="s"><v>0</v></c><c t="inlineStr"><is><t>비고</t></is></c><c t="inlineStr"><is><t>결과</t></is></c><c t="inlineStr"><is><t>오류</t></is></c><c t="inlineStr"><is><t>식</t></is></c><c t="s"><v>3</v></c></row>',
      '<row><c t="s"><v>1</v></c><c t="inlineStr"><is><t><![CDATA[<b> & c]]></t></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>x&lt;y</v></c></row>',
      '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5" s="1"><v>45355</v></c><c r="C5" s="2"><v>45355.5</v></c><c r="D5" s="3"><v>42</v></c><c r="E5" s="4"><v>45355</v></c></row>',
    ].join('');
    for (const prefix of [undefined, 'x']) {
      expect(await readXlsx(handWritten(rows, { shared, styles, prefix }))).toEqual({
        headers: ['이름', '비고', '결과', '오류', '식'],
        rows: [
          { rowNumber: 2, values: { 이름: '우수 이수자', 비고: '<b> & c', 결과: 'TRUE', 오류: '#N/A', 식: 'x<y' } },
          // Date style 14, a custom date format, a 00000 format, and Korean built-in date format 31.
          { rowNumber: 5, values: { 이름: 'A&B\rC', 비고: '2024-03-04', 결과: '2024-03-04 12:00:00', 오류: '00042', 식: '2024-03-04' } },
        ],
        encoding: 'xlsx',
      });
    }
  });

  it('reads dates in the 1904 date system, and keeps a merged range only in its top-left cell', async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
    const sheet = '<row r="1"><c r="A1" t="inlineStr"><is><t>날짜</t></is></c><c r="B1" t="inlineStr"><is><t>반</t></is></c></row>'
      + '<row r="2"><c r="A2" s="1"><v>43893</v></c><c r="B2"><v>1</v></c></row><row r="3"><c r="A3"><v>5</v></c><c r="B3"><v>2</v></c></row>';
    const table = await readXlsx(handWritten(sheet, { styles, workbookPr: '<workbookPr date1904="1"/>', after: '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>' }));
    expect(table.rows).toEqual([
      { rowNumber: 2, values: { 날짜: '2024-03-04', 반: '1' } },
      { rowNumber: 3, values: { 날짜: '', 반: '2' } },
    ]);
  });

  it('refuses a workbook that would expand past the limits, before or while inflating', async () => {
    // A 2 GB sheet in 7 MB, its size declared honestly: refused from the ZIP directory.
    expect(await problemsOf(readXlsx(xlsxBomb(2048 * 1024 * 1024)))).toEqual([
      { row: 1, reason: 'xl/worksheets/sheet1.xml expands to 2048 MB, more than the 200 MB an upload may expand to' },
    ]);
    // The same sheet declared as 10 MB: stopped when it inflates past that.
    expect(await problemsOf(readXlsx(xlsxBomb(2048 * 1024 * 1024, 10 * 1024 * 1024)))).toEqual([
      { row: 1, reason: "xl/worksheets/sheet1.xml expands to more than the 10485760 bytes the archive's directory declares" },
    ]);
    // 150 MB declared honestly: under the size limit, but compressed far more than 200:1.
    expect((await problemsOf(readXlsx(xlsxBomb(150 * 1024 * 1024))))[0].reason).toMatch(/^xl\/worksheets\/sheet1\.xml is compressed \d+:1, more than the 200:1 allowed$/);
  });

  it('refuses a value beyond column 1000 and more than maxRows rows while reading', async () => {
    const far = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="ALL2"><v>1</v></c><c r="ALM2"><v>1</v></c></row>';
    expect(await problemsOf(readXlsx(handWritten(far)))).toEqual([{ row: 2, reason: 'a cell in column 1001 has a value; at most 1000 columns are read' }]);
    const many = Array.from({ length: 20 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    expect(await problemsOf(readXlsx(handWritten(many), { maxRows: 10 }))).toEqual([{ row: 12, reason: 'file has more than 10 data rows' }]);
  });

  it('calls a ZIP without a workbook, or with a broken sheet, not a readable XLSX file', async () => {
    expect(await problemsOf(readXlsx(buildZip([part('a.txt', 'x')])))).toEqual([{ row: 1, reason: 'not a readable XLSX file' }]);
    expect(await problemsOf(readXlsx(handWritten('<row><c><v>1</v></c></row><!DOCTYPE x>')))).toEqual([{ row: 1, reason: 'not a readable XLSX file' }]);
  });
});
