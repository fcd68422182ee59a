import { isAscii, isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { TextEncodingName } from './decode-text';
import { ParsedRow, ReadTableOptions } from './parsed-table';
import { MAX_LINE_BYTES } from './read-csv';
import { TableBuilder } from './table-builder';
import { CellProblem, TabularFormatError } from './tabular-error';

/*
 * The CSV reader for uploads too large to hold: a literacy results file of a million students is
 * about 80 MB, and reading it whole (bytes, decoded text, parsed rows) would take gigabytes. Rows
 * come out one at a time as the upload arrives, with the same rules as readCsv: header and width
 * checks by TableBuilder, UTF-8 (with or without BOM) or CP949, row numbers as Excel shows them.
 *
 * Differences, because a stream cannot be read twice: the encoding is decided from the first
 * 64 KiB (Korean header names or cells there decide it; a file that is ASCII there and CP949
 * later is reported at the first CP949 row, as readCsv reports a mixed file), and line breaks are
 * normalised to LF before parsing, so csv-parse's line count is exact (a CRLF inside a quoted cell
 * becomes LF, which no literacy result cell can legitimately hold anyway).
 */

const SNIFF_BYTES = 64 * 1024;
const RESAVE_HINT = "re-save the file as 'CSV UTF-8'";

export interface CsvRowStream {
  encoding: TextEncodingName;
  headers: string[];
  /** Data rows in file order; throws TabularFormatError on a file-level problem (encoding, quoting, size). */
  rows: AsyncIterable<ParsedRow>;
  /** Row problems (width, unnamed cells) found so far; call after consuming rows. */
  takeProblems(): CellProblem[];
}

/** Opens the stream: reads up to the header row, so the caller can check columns before any row. */
export async function readCsvStream(source: AsyncIterable<Buffer>, opts?: ReadTableOptions): Promise<CsvRowStream> {
  const text = decodeStream(source);
  const first = await text.next();
  if (first.done) throw TabularFormatError.fromProblems([{ row: 1, reason: 'file is empty' }]);
  const { encoding } = first.value;
  const parser = parse({
    info: true,
    delimiter: detectDelimiter(first.value.text),
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_LINE_BYTES,
  });
  const feeding = (async () => {
    try {
      if (!parser.write(first.value.text)) await drained(parser);
      for (let r = await text.next(); !r.done; r = await text.next()) if (!parser.write(r.value.text)) await drained(parser);
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  let builder: TableBuilder | undefined;
  let lastLine = 1;
  const nextRecord = async () => {
    try {
      const r = await records.next();
      if (r.done) return null;
      const { record, info } = r.value;
      // info.lines is where the record ends; a quoted cell with line breaks started it earlier.
      let breaks = 0;
      for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks++;
      lastLine = info.lines;
      return { row: info.lines - breaks, record };
    } catch (e) {
      throw fromParseError(e, lastLine + 1, builder);
    }
  };
  for (let r = await nextRecord(); r; r = await nextRecord()) {
    if (r.record.some((cell) => cell !== '')) {
      builder = new TableBuilder(r.record, r.row, opts);
      break;
    }
  }
  if (!builder) throw TabularFormatError.fromProblems([{ row: 1, reason: 'file is empty' }]);
  const table = builder;
  return {
    encoding,
    headers: table.headers,
    takeProblems: () => table.takeProblems(),
    rows: (async function* () {
      try {
        for (let r = await nextRecord(); r; r = await nextRecord()) {
          const row = table.row(r.row, r.record);
          if (row) yield row;
        }
        await feeding;
      } finally {
        // A consumer that stops early (too many problems) must not leave the upload half read.
        parser.destroy();
      }
    })(),
  };
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', reject);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', reject);
  });
}

function detectDelimiter(text: string): ',' | '\t' {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
  let commas = 0;
  let tabs = 0;
  for (const ch of header) {
    if (ch === ',') commas++;
    else if (ch === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * Decoded text with every line break as LF, chunk by chunk. The encoding is decided once from the
 * first SNIFF_BYTES; a later chunk that does not fit it is reported at its row.
 */
async function* decodeStream(source: AsyncIterable<Buffer>): AsyncGenerator<{ text: string; encoding: TextEncodingName }> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    headBytes += r.value.length;
  }
  let first = Buffer.concat(head);
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) {
    throw TabularFormatError.fromProblems([{ row: 1, reason: `file is UTF-16 text, which is not supported: ${RESAVE_HINT}` }], 'unsupported text encoding');
  }
  if (first.indexOf(0) !== -1) throw TabularFormatError.fromProblems([{ row: 1, reason: 'binary file is not a CSV' }]);
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
  if (bom) first = first.subarray(3);
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let encoding: TextEncodingName = bom ? 'utf-8-bom' : 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(first, { stream: !ended });
  } catch {
    if (bom) throw badRow(first, 1, 'row is encoded as CP949 while the rest of the file is UTF-8');
    encoding = 'cp949';
  }
  const cp949 = encoding === 'cp949' ? iconv.getDecoder('cp949') : null;
  let line = 1;
  let pendingCr = false;
  const decode = (buf: Buffer, last: boolean): string => {
    let text: string;
    if (cp949) {
      if (!isAscii(buf)) checkCp949(buf, line);
      text = cp949.write(buf) + (last ? cp949.end() ?? '' : '');
      const bad = text.indexOf('\uFFFD');
      if (bad !== -1) {
        const row = line + (text.slice(0, bad).match(/\r\n?|\n/g)?.length ?? 0);
        throw TabularFormatError.fromProblems([{ row, reason: 'not valid UTF-8 or CP949' }], `the file contains bytes that are not text: ${RESAVE_HINT}`);
      }
    } else {
      try {
        text = utf8.decode(buf, { stream: !last });
      } catch {
        throw badRow(buf, line, 'row is encoded as CP949 while the rest of the file is UTF-8');
      }
    }
    if (pendingCr) text = '\r' + text;
    pendingCr = !last && text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, '\n');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
    return text;
  };
  yield { text: decode(first, ended), encoding };
  if (ended) return;
  for (;;) {
    const r = await it.next();
    if (r.done) {
      yield { text: decode(Buffer.alloc(0), true), encoding };
      return;
    }
    yield { text: decode(r.value, false), encoding };
  }
}

/** In a CP949 file: a line that is valid UTF-8 (and not ASCII) or holds undecodable bytes. */
function checkCp949(buf: Buffer, firstLine: number): void {
  let line = firstLine;
  let start = 0;
  for (let end = buf.indexOf(0x0a); start < buf.length; end = buf.indexOf(0x0a, start)) {
    const stop = end === -1 ? buf.length : end;
    const part = buf.subarray(start, stop);
    if (!isAscii(part)) {
      // Only a whole line is judged: a chunk boundary may split a character.
      const whole = start > 0 && end !== -1;
      if (whole && isUtf8(part)) throw TabularFormatError.fromProblems([{ row: line, reason: 'row is encoded as UTF-8 while the rest of the file is CP949' }], `the file mixes UTF-8 and CP949 text: ${RESAVE_HINT}`);
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
}

/** The first line of `buf` that is not valid UTF-8, counted from `firstLine`. */
function badRow(buf: Buffer, firstLine: number, reason: string): TabularFormatError {
  let row = firstLine;
  let start = 0;
  for (let end = buf.indexOf(0x0a); end !== -1; end = buf.indexOf(0x0a, start)) {
    if (!isUtf8(buf.subarray(start, end))) break;
    start = end + 1;
    row++;
  }
  return TabularFormatError.fromProblems([{ row, reason }], `the file mixes UTF-8 and CP949 text: ${RESAVE_HINT}`);
}

function fromParseError(e: unknown, row: number, builder: TableBuilder | undefined): unknown {
  if (e instanceof TabularFormatError || !(e instanceof CsvError)) return e;
  const problem: CellProblem = { row, reason: e.code === 'CSV_MAX_RECORD_SIZE' ? `line is longer than ${MAX_LINE_BYTES} bytes` : e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell starting on this row is never closed (missing ")' : `malformed CSV: ${e.message.replace(/\s+(?:at|on) line \d+/g, '')}` };
  const column = typeof e['column'] === 'number' ? builder?.columnName(e['column']) : undefined;
  if (column !== undefined) problem.column = column;
  return TabularFormatError.fromProblems([problem], 'the file is not valid CSV');
}
