import iconv from 'iconv-lite';
import { readCsv } from './read-csv';
import { readCsvStream } from './read-csv-stream';
import { TabularFormatError } from './tabular-error';

/** The bytes as a stream of `size`-byte chunks, so every boundary (inside a character, CR|LF) is met. */
async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(buf: Buffer, size: number, maxRows?: number) {
  const stream = await readCsvStream(chunks(buf, size), { maxRows });
  const rows = [];
  for await (const row of stream.rows) rows.push(row);
  return { headers: stream.headers, rows, encoding: stream.encoding, problems: stream.takeProblems() };
}

async function problemOf(buf: Buffer, size = 7) {
  try {
    await readAll(buf, size);
  } catch (e) {
    if (e instanceof TabularFormatError) return e.problems[0];
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsvStream', () => {
  const samples: Record<string, Buffer> = {
    'CRLF with a quoted two-line cell and blank lines': Buffer.from('학생ID,반,비고\r\nA1,1,"첫 줄\r\n둘째 줄"\r\n\r\nA2,2,x\r\n', 'utf8'),
    'LF, BOM, trailing spaces': Buffer.from('\uFEFFstudent_id , grade\n S1 , 5 \nS2,5', 'utf8'),
    'lone CR (old Mac)': Buffer.from('a,b\r1,2\r\r3,4\r', 'utf8'),
    'tab separated': Buffer.from('a\tb\n1\t2\n', 'utf8'),
    'quotes across lines and chunks': Buffer.from('a,b,c\n1,"x\ny",zz\n"q""r",2, s \n3, "t" ,"u\n\nv"\nlast,"",""""\n', 'utf8'),
    CP949: iconv.encode('학생ID,학년\r\n가나,5\r\n다라,6\r\n', 'cp949'),
  };

  for (const [name, buf] of Object.entries(samples)) {
    it(`reads ${name} as readCsv does, whatever the chunk size`, async () => {
      const whole = readCsv(buf);
      for (const size of [1, 2, 3, 5, 64 * 1024]) {
        const streamed = await readAll(buf, size);
        expect(streamed.headers).toEqual(whole.headers);
        // A line break inside a quoted cell is normalised to LF (see read-csv-stream.ts).
        const lf = whole.rows.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')])) }));
        expect(streamed.rows).toEqual(lf);
        expect(streamed.encoding).toBe(whole.encoding);
      }
    });
  }

  it('agrees with readCsv on 2,000 random files of commas, quotes, blanks and line breaks', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'b', ',', ',', '"', '"', ' ', '\n', '\r\n', '\r', 'x'];
    let compared = 0;
    for (let n = 0; n < 2000; n++) {
      const text = 'h1,h2,h3\n' + Array.from({ length: 3 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const buf = Buffer.from(text, 'utf8');
      let whole;
      try {
        whole = readCsv(buf);
      } catch (e) {
        // Refused by one reader, refused by the other: at once, or (width problems) after the rows.
        const streamed = await readAll(buf, 3).catch((f: unknown) => f);
        if (streamed instanceof TabularFormatError) continue;
        expect({ text, problems: (streamed as { problems: unknown }).problems }).toEqual({ text, problems: (e as TabularFormatError).problems });
        continue;
      }
      const lf = whole.rows.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')])) }));
      const streamed = await readAll(buf, 1 + (n % 5));
      expect({ text, rows: streamed.rows }).toEqual({ text, rows: lf });
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('names the first CP949 row of a file that is ASCII at its start and UTF-8 by its BOM', async () => {
    const buf = Buffer.concat([Buffer.from('\uFEFFa,b\n1,2\n', 'utf8'), iconv.encode('가,3\n', 'cp949')]);
    expect(await problemOf(buf)).toMatchObject({ row: 3, reason: expect.stringContaining('CP949') });
  });

  it('names a UTF-8 row in a CP949 file', async () => {
    const filler = 'x,1\n'.repeat(20_000); // past the first 64 KiB, so the head decides CP949
    const buf = Buffer.concat([iconv.encode('이름,값\n', 'cp949'), Buffer.from(filler), Buffer.from('한글,2\n', 'utf8'), Buffer.from('y,3\n')]);
    expect(await problemOf(buf, 4096)).toMatchObject({ row: 20_002, reason: expect.stringContaining('UTF-8') });
  });

  it('refuses an unclosed quote, a line over 64 KiB, too many rows and UTF-16', async () => {
    expect(await problemOf(Buffer.from('a,b\n1,"open\n2,3\n'))).toMatchObject({ reason: expect.stringContaining('never closed') });
    expect(await problemOf(Buffer.from(`a,b\n1,${'x'.repeat(70_000)}\n`))).toMatchObject({ row: 2, reason: expect.stringContaining('longer than') });
    await expect(readAll(Buffer.from('a\n1\n2\n3\n'), 3, 2)).rejects.toMatchObject({ problems: [{ row: 4, reason: 'file has more than 2 data rows' }] });
    expect(await problemOf(Buffer.from('\uFEFFa,b', 'utf16le'))).toMatchObject({ reason: expect.stringContaining('UTF-16') });
  });

  it('keeps width problems for the caller, with their rows', async () => {
    const { problems } = await readAll(Buffer.from('a,b\n1,2,3\n4,5\n'), 4);
    expect(problems).toEqual([{ row: 2, reason: 'row has 3 cells but the header has 2' }]);
  });

  it('holds a bounded amount however long the file: rows are handed out as they arrive', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('a,b\n');
      for (;;) {
        produced++;
        yield Buffer.from('1,2\n'.repeat(1000));
      }
    }
    const stream = await readCsvStream(endless());
    let n = 0;
    for await (const _ of stream.rows) if (++n === 5000) break;
    // Read ahead is a few parser buffers, not the file.
    expect(produced).toBeLessThan(200);
  });
});
