import { LineCounter, forEachLine } from './line-breaks';

function lines(text: string): [string, number][] {
  const buf = Buffer.from(text, 'latin1');
  const out: [string, number][] = [];
  forEachLine(buf, (start, end, line) => {
    out.push([buf.toString('latin1', start, end), line]);
  });
  return out;
}

describe('forEachLine', () => {
  it('treats LF, CRLF and lone CR as one break each', () => {
    expect(lines('a\nb\r\nc\rd')).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    expect(lines('\r\r\n\n')).toEqual([['', 1], ['', 2], ['', 3]]);
  });

  it('adds no empty line after a final terminator', () => {
    expect(lines('a\r\n')).toEqual([['a', 1]]);
    expect(lines('a\r')).toEqual([['a', 1]]);
    expect(lines('')).toEqual([]);
  });

  it('stops when the visitor returns false', () => {
    const seen: number[] = [];
    forEachLine(Buffer.from('a\nb\nc'), (_s, _e, line) => {
      seen.push(line);
      return line < 2;
    });
    expect(seen).toEqual([1, 2]);
  });
});

describe('LineCounter', () => {
  it('maps increasing offsets to the same line numbers as forEachLine', () => {
    const text = 'ab\r\ncd\nef\rgh\r\n\r\nij';
    const buf = Buffer.from(text, 'latin1');
    const counter = new LineCounter(buf);
    const expected: number[] = [];
    forEachLine(buf, (start, end, line) => {
      for (let i = start; i <= end; i++) expected[i] = expected[i] ?? line;
    });
    for (let offset = 0; offset < buf.length; offset++) {
      if (buf[offset] === 0x0a || buf[offset] === 0x0d) continue; // terminators belong to no content
      expect([offset, counter.lineAt(offset)]).toEqual([offset, expected[offset]]);
    }
  });

  it('answers repeated and skipped offsets', () => {
    const counter = new LineCounter(Buffer.from('a\nb\nc\nd'));
    expect(counter.lineAt(0)).toBe(1);
    expect(counter.lineAt(0)).toBe(1);
    expect(counter.lineAt(6)).toBe(4);
    expect(counter.lineAt(100)).toBe(4);
  });
});
