import iconv from 'iconv-lite';
import { decodeText } from './decode-text';
import { CellProblem, TabularFormatError } from './tabular-error';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const cp949 = (s: string) => iconv.encode(s, 'cp949');

function problemsOf(fn: () => unknown): CellProblem[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TabularFormatError);
    return (err as TabularFormatError).problems;
  }
  throw new Error('expected a TabularFormatError');
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    const text = '학교명,학년\n서울초등학교,3\n';
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('treats pure ASCII as UTF-8', () => {
    expect(decodeText(utf8('a,b\r\n1,2\r\n'))).toEqual({ text: 'a,b\r\n1,2\r\n', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM and says so', () => {
    const text = '학교명,학년\r\n서울초등학교,3\r\n';
    const decoded = decodeText(Buffer.concat([BOM, utf8(text)]));
    expect(decoded).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('decodes CP949 Korean text (Korean Windows Excel / NEIS export)', () => {
    const text = '학교코드,학교명,주소\r\n7010057,서울가락초등학교,서울특별시 송파구 송파대로 345\r\n';
    const bytes = cp949(text);
    expect(bytes.equals(utf8(text))).toBe(false);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'cp949' });
  });

  it('names exactly the CP949 row in an otherwise UTF-8 file', () => {
    const buf = Buffer.concat([
      utf8('학교명,학년\n'), // 1
      utf8('서울초등학교,3\n'), // 2
      cp949('부산초등학교,4\n'), // 3  <- the odd one
      utf8('대구초등학교,5\n'), // 4
      utf8('Seoul Intl School,6\n'), // 5  ASCII: neither encoding
    ]);
    expect(problemsOf(() => decodeText(buf))).toEqual([
      { row: 3, reason: 'row is encoded as CP949 while the rest of the file is UTF-8' },
    ]);
  });

  it('names the UTF-8 rows when most of the file is CP949', () => {
    const buf = Buffer.concat([
      cp949('학교명,학년\r\n'), // 1
      utf8('서울초등학교,3\r\n'), // 2  <- odd one
      cp949('부산초등학교,4\r\n'), // 3
      utf8('ascii only,1\r\n'), // 4
      cp949('대구초등학교,5'), // 5  no trailing newline
    ]);
    expect(problemsOf(() => decodeText(buf))).toEqual([
      { row: 2, reason: 'row is encoded as UTF-8 while the rest of the file is CP949' },
    ]);
  });

  it('reports the non-UTF-8 row of a file that declares UTF-8 with a BOM', () => {
    const buf = Buffer.concat([BOM, utf8('학교명\n'), utf8('ascii\n'), cp949('서울초등학교\n')]);
    expect(problemsOf(() => decodeText(buf))).toEqual([
      { row: 3, reason: 'row is encoded as CP949 while the rest of the file is UTF-8' },
    ]);
  });

  it('counts lone CR and CRLF as line breaks when naming rows', () => {
    const buf = Buffer.concat([utf8('학교명\r'), utf8('서울\r\n'), cp949('부산\r\n'), utf8('대구\n')]);
    expect(problemsOf(() => decodeText(buf)).map((p) => p.row)).toEqual([3]);
  });

  it('names rows that are neither UTF-8 nor CP949', () => {
    const buf = Buffer.concat([cp949('학교명\n'), cp949('서울\n'), Buffer.from([0x41, 0xff, 0xff, 0x0a]), cp949('부산\n')]);
    const problems = problemsOf(() => decodeText(buf));
    expect(problems).toEqual([{ row: 3, reason: 'not valid UTF-8 or CP949' }]);
  });

  it('refuses UTF-16 text with a clear reason', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n', 'utf16le')]);
    const [problem] = problemsOf(() => decodeText(buf));
    expect(problem.row).toBe(1);
    expect(problem.reason).toMatch(/UTF-16/);
  });

  it('puts the rows into the error message for the HTTP response', () => {
    const buf = Buffer.concat([utf8('이름\n'), utf8('가\n'), cp949('나\n')]);
    expect(() => decodeText(buf)).toThrow(/row 3: row is encoded as CP949/);
  });
});
