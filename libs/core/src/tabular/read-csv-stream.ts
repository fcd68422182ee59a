import { isAscii, isUtf8 } from 'node:buffer';
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
 * normalised to LF before records are split (a CRLF inside a quoted cell becomes LF, which no
 * literacy result cell can legitimately hold anyway).
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
  const records = splitRecords(first.value.text, text, detectDelimiter(first.value.text));
  let builder: TableBuilder | undefined;
  const nextRecord = async () => {
    try {
      const r = await records.next();
      return r.done ? null : r.value;
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      const problem: CellProblem = { row: e.row, reason: e.reason };
      const column = e.cell >= 0 ? builder?.columnName(e.cell) : undefined;
      if (column !== undefined) problem.column = column;
      throw TabularFormatError.fromProblems([problem], 'the file is not valid CSV');
    }
  };
  for (let r = await nextRecord(); r; r = await nextRecord()) {
    if (r.cells.some((cell) => cell !== '')) {
      builder = new TableBuilder(r.cells, r.row, opts);
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
          const row = table.row(r.row, r.cells);
          if (row) yield row;
        }
      } finally {
        // A consumer that stops early (too many problems) stops reading the upload too.
        await records.return(undefined);
      }
    })(),
  };
}

class RecordError extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
    readonly cell = -1,
  ) {
    super(reason);
  }
}

const isBlank = (ch: string | undefined, delimiter: string) => ch === ' ' || (ch === '\t' && delimiter !== '\t');

/*
 * Records as csv-parse reads them with the options readCsv uses (trim, relax_quotes,
 * skip_empty_lines, relax_column_count), written out here because csv-parse's stream costs about
 * 13 µs a row on a 30-item results file, the largest share of a million-row import. Most lines
 * hold no quote and are split with String#split; a line with a quote goes through the full rules:
 * a quote opens a quoted cell only at the start of a cell (after blanks), "" inside one is a quote,
 * a quoted cell may span lines, and text after its closing quote (other than blanks) is an error.
 * read-csv-stream.spec.ts checks the two against each other.
 */
async function* splitRecords(firstText: string, rest: AsyncGenerator<{ text: string }>, delimiter: string): AsyncGenerator<{ row: number; cells: string[] }, void, undefined> {
  let buffer = firstText;
  let pos = 0;
  let line = 1;
  let ended = false;
  /** Appends the next decoded chunk, dropping what is consumed; false at the end of the file. */
  const more = async (keepFrom: number): Promise<number> => {
    buffer = buffer.slice(keepFrom);
    if (buffer.length > MAX_LINE_BYTES) throw new RecordError(line, `line is longer than ${MAX_LINE_BYTES} bytes`);
    const r = await rest.next();
    if (r.done) ended = true;
    else buffer += r.value.text;
    return keepFrom;
  };
  for (;;) {
    let nl = buffer.indexOf('\n', pos);
    while (nl === -1 && !ended) {
      await more(pos);
      pos = 0;
      nl = buffer.indexOf('\n');
    }
    if (nl === -1 && pos >= buffer.length) return;
    const end = nl === -1 ? buffer.length : nl;
    if (end - pos > MAX_LINE_BYTES) throw new RecordError(line, `line is longer than ${MAX_LINE_BYTES} bytes`);
    const text = buffer.slice(pos, end);
    if (text.indexOf('"') === -1) {
      const row = line++;
      pos = end + 1;
      if (text.trim() === '') continue;
      const cells = text.split(delimiter);
      for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
      yield { row, cells };
      continue;
    }
    // A record with quotes, which may go on over the following lines.
    const row = line;
    const cells: string[] = [];
    let j = pos;
    for (;;) {
      while (isBlank(buffer[j], delimiter)) j++;
      let cell = '';
      if (buffer[j] === '"') {
        j++;
        for (;;) {
          const q = buffer.indexOf('"', j);
          // A quote as the last character read may be the first of a "" pair: read on first.
          if (q === -1 || (q === buffer.length - 1 && !ended)) {
            if (ended) throw new RecordError(row, 'a quoted cell starting on this row is never closed (missing ")');
            const from = pos;
            await more(from);
            j -= from;
            pos = 0;
            continue;
          }
          cell += buffer.slice(j, q);
          if (buffer[q + 1] === '"') {
            cell += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        while (isBlank(buffer[j], delimiter)) j++;
        if (j < buffer.length && buffer[j] !== delimiter && buffer[j] !== '\n') {
          throw new RecordError(row, 'text follows the closing quote of a cell; a " inside a quoted cell must be doubled ("")', cells.length);
        }
      } else {
        let k = j;
        for (;;) {
          while (k < buffer.length && buffer[k] !== delimiter && buffer[k] !== '\n') k++;
          // After a quoted cell spanning lines, the record's last line may not be read yet.
          if (k < buffer.length || ended) break;
          const from = pos;
          await more(from);
          j -= from;
          k -= from;
          pos = 0;
        }
        cell = buffer.slice(j, k).trim();
        j = k;
      }
      cells.push(cell);
      if (j >= buffer.length || buffer[j] === '\n') break;
      j++;
    }
    for (let k = pos; k < j; k++) if (buffer[k] === '\n') line++;
    line++;
    pos = j + 1;
    yield { row, cells };
  }
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
