import { posix } from 'node:path';
import { uploadLimits } from '../http/upload-limits';
import { ZipArchive, ZipEntry, ZipError } from '../zip/zip-archive';
import { ParsedTable, ReadTableOptions } from './parsed-table';
import { MAX_COLUMNS, TableBuilder } from './table-builder';
import { TabularFormatError } from './tabular-error';
import { attr, decodeXml, XmlHandler, XmlSyntaxError, XmlTokenizer } from './xml-stream';

/*
 * Goal: the strings a person would get by saving the first sheet as CSV from
 * Excel, so importers behave the same whichever format a school sends.
 *
 * Uploads are untrusted, so the workbook is read as a stream and within limits
 * (an earlier version loaded it whole with exceljs, and a 5.7 MB file whose sheet
 * expands to 2 GB took the api to 2 GB of memory):
 * - the ZIP is read by ZipArchive, which refuses entries whose declared size or
 *   compression ratio is over the limits before inflating anything, and stops an
 *   entry that inflates past its declared size (UPLOAD_MAX_EXPANDED_MB, UPLOAD_MAX_RATIO);
 * - only the parts needed are inflated (package and workbook relationships,
 *   workbook, styles, shared strings, the first sheet), in 64 KiB chunks fed to a
 *   streaming tokenizer, so a part is never held whole;
 * - what is kept is bounded too: at most MAX_COLUMNS columns, maxRows rows,
 *   MAX_SHARED_STRINGS shared strings and MAX_TEXT_CHARS of text per cell.
 *
 * Cell values follow what exceljs (the previous reader) gave for the same cells:
 * shared and inline strings (rich text joined, phonetic runs left out, _xHHHH_
 * escapes decoded), numbers as plain decimals rounded to 15 digits and padded by a
 * 0000 format, numbers with a date format as dates (1900 or 1904 system), TRUE/FALSE,
 * error codes (#N/A), cached formula results, and only the top-left cell of a merged
 * range. The built-in Korean date formats (ids 27–36, 50–58) are dates too, which
 * exceljs read as serial numbers.
 */

const NOT_XLSX = 'not a readable XLSX file';

/** Excel's own limit is 32,767 characters a cell; raw XML text may be longer by its escapes. */
const MAX_TEXT_CHARS = 256 * 1024;
/** More than any legitimate upload holds (200,000 rows × 10 columns of unique text). */
const MAX_SHARED_STRINGS = 2_000_000;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

export async function readXlsx(buf: Buffer, opts?: ReadTableOptions): Promise<ParsedTable> {
  const limits = uploadLimits();
  let archive: ZipArchive;
  try {
    archive = ZipArchive.open(buf, { maxExpandedBytes: limits.maxExpandedBytes, maxRatio: limits.maxCompressionRatio });
  } catch (err) {
    throw fromZipError(err, buf);
  }
  try {
    return await readWorkbook(archive, opts);
  } catch (err) {
    throw fromZipError(err, buf);
  }
}

function fromZipError(err: unknown, buf: Buffer): unknown {
  if (err instanceof ZipError && err.kind === 'too-large') {
    return TabularFormatError.fromProblems([{ row: 1, reason: err.message }], 'the workbook is too large uncompressed');
  }
  if (err instanceof ZipError || err instanceof XmlSyntaxError) return notXlsx(buf);
  return err;
}

async function readWorkbook(archive: ZipArchive, opts: ReadTableOptions | undefined): Promise<ParsedTable> {
  const workbookPath = (await relationships(archive, '', '_rels/.rels')).find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbook = await readWorkbookPart(archive, workbookPath);
  // Excel cannot save a workbook without sheets, so this is some other zip.
  if (workbook === undefined || workbook.firstSheetRel === undefined) throw new ZipError('unreadable', 'no workbook');
  const dir = posix.dirname(workbookPath);
  const rels = await relationships(archive, dir, posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`));
  const sheetPath = rels.find((r) => r.id === workbook.firstSheetRel)?.target;
  const sheet = sheetPath === undefined ? undefined : archive.get(sheetPath);
  if (sheet === undefined) throw new ZipError('unreadable', 'no first sheet');

  const styles = await readStyles(archive, rels.find((r) => REL_STYLES.test(r.type))?.target ?? posix.join(dir, 'styles.xml'));
  const shared = await readSharedStrings(archive, rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target ?? posix.join(dir, 'sharedStrings.xml'));
  const reader = new SheetReader(shared, styles, workbook.date1904, opts?.maxRows ?? Number.POSITIVE_INFINITY);
  await parsePart(archive, sheet, reader);
  return reader.finish(opts);
}

/** Inflates `entry` through the tokenizer into `handler`, chunk by chunk. */
async function parsePart(archive: ZipArchive, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  const tokenizer = new XmlTokenizer(handler);
  let decoder: TextDecoder | undefined;
  await archive.inflate(entry, (chunk) => {
    // XML parts are UTF-8 unless they start with a UTF-16 byte-order mark.
    decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
    tokenizer.write(decoder.decode(chunk, { stream: true }));
  });
  if (decoder) tokenizer.write(decoder.decode());
  tokenizer.end();
}

interface Relationship {
  id: string;
  type: string;
  /** Resolved to a path inside the archive. */
  target: string;
}

async function relationships(archive: ZipArchive, baseDir: string, path: string): Promise<Relationship[]> {
  const entry = archive.get(path);
  if (entry === undefined) return [];
  const out: Relationship[] = [];
  await parsePart(archive, entry, {
    capturing: false,
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const target = attr(attrs, 'Target');
      if (target === undefined || attr(attrs, 'TargetMode') === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(baseDir, target));
      out.push({ id: attr(attrs, 'Id') ?? '', type: attr(attrs, 'Type') ?? '', target: resolved });
    },
    close() {},
    text() {},
  });
  return out;
}

async function readWorkbookPart(archive: ZipArchive, path: string): Promise<{ firstSheetRel?: string; date1904: boolean } | undefined> {
  const entry = archive.get(path);
  if (entry === undefined) return undefined;
  let firstSheetRel: string | undefined;
  let date1904 = false;
  await parsePart(archive, entry, {
    capturing: false,
    open(name, attrs) {
      // <sheets> lists the sheets in tab order; sheetId is not the order once sheets are moved or deleted.
      if (name === 'sheet' && firstSheetRel === undefined) firstSheetRel = attr(attrs, 'id');
      else if (name === 'workbookPr') date1904 = /^(1|true)$/.test(attr(attrs, 'date1904') ?? '');
    },
    close() {},
    text() {},
  });
  return { firstSheetRel, date1904 };
}

/** Built-in number formats (ECMA-376 §18.8.30) as exceljs knows them; absent ids are General. */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
/** Locale-dependent built-in ids; in the Korean (and CJK) locales all are date or time formats. */
const isCjkDateFormatId = (id: number) => (id >= 27 && id <= 36) || (id >= 50 && id <= 58);

interface CellStyle {
  numFmt?: string;
  isDate: boolean;
}

/** The number format of each cell style (`s` attribute = index into cellXfs). */
async function readStyles(archive: ZipArchive, path: string): Promise<CellStyle[]> {
  const entry = archive.get(path);
  if (entry === undefined) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parsePart(archive, entry, {
    capturing: false,
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') {
        const id = Number(attr(attrs, 'numFmtId'));
        const code = attr(attrs, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (name === 'cellXfs') {
        inCellXfs = !selfClosing;
      } else if (name === 'xf' && inCellXfs) {
        xfs.push(Number(attr(attrs, 'numFmtId') ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfs.map((id) => {
    const numFmt = custom.get(id) ?? BUILT_IN_FORMATS[id];
    return { numFmt, isDate: isDateFormat(numFmt) || (!custom.has(id) && isCjkDateFormatId(id)) };
  });
}

/** exceljs's rule: a date/time letter outside quoted text and [...] sections. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * Collects the text of `<t>` elements (inside `<si>` or a cell's `<is>`), leaving out phonetic
 * runs (`<rPh>`), as Excel's CSV export does.
 */
class RichText {
  private parts: string[] = [];
  private size = 0;
  private phonetic = 0;
  capturing = false;

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.phonetic = 0;
    this.capturing = false;
  }

  /** Returns true when the element was one of ours. */
  open(name: string, selfClosing: boolean): boolean {
    if (name === 'rPh') {
      if (!selfClosing) this.phonetic++;
      return true;
    }
    if (name === 't') {
      this.capturing = !selfClosing && this.phonetic === 0;
      return true;
    }
    return false;
  }

  close(name: string): void {
    if (name === 't') this.capturing = false;
    else if (name === 'rPh' && this.phonetic > 0) this.phonetic--;
  }

  text(raw: string): void {
    this.size += raw.length;
    if (this.size > MAX_TEXT_CHARS) throw new TextTooLong();
    this.parts.push(raw);
  }

  value(): string {
    const joined = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    const text = decodeXml(joined);
    // OOXML escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for CR).
    return text.indexOf('_x') === -1 ? text : text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

class TextTooLong extends Error {}

async function readSharedStrings(archive: ZipArchive, path: string): Promise<string[]> {
  const entry = archive.get(path);
  if (entry === undefined) return [];
  const strings: string[] = [];
  const rich = new RichText();
  let inItem = false;
  try {
    await parsePart(archive, entry, {
      get capturing() {
        return rich.capturing;
      },
      open(name, _attrs, selfClosing) {
        if (name === 'si') {
          rich.reset();
          if (selfClosing) pushString();
          else inItem = true;
        } else if (inItem) {
          rich.open(name, selfClosing);
        }
      },
      close(name) {
        if (name === 'si') {
          if (inItem) pushString();
          inItem = false;
        } else if (inItem) {
          rich.close(name);
        }
      },
      text(raw) {
        rich.text(raw);
      },
    });
  } catch (err) {
    if (err instanceof TextTooLong) {
      throw TabularFormatError.fromProblems([{ row: 1, reason: `shared string ${strings.length} is longer than ${MAX_TEXT_CHARS} characters` }], 'the file is not a table');
    }
    throw err;
  }
  return strings;

  function pushString(): void {
    if (strings.length >= MAX_SHARED_STRINGS) {
      throw TabularFormatError.fromProblems([{ row: 1, reason: `the workbook has more than ${MAX_SHARED_STRINGS} distinct texts` }], 'the file is too large');
    }
    strings.push(rich.value());
  }
}

interface Row {
  rowNumber: number;
  cells: (string | undefined)[];
}

/**
 * Reads `<sheetData>` cell by cell. Rows are kept as arrays until the end because
 * `<mergeCells>` follows the data, and only then is it known which cells to blank.
 */
class SheetReader implements XmlHandler {
  private readonly rows: Row[] = [];
  private readonly merges: string[] = [];
  private inData = false;
  private rowNumber = 0;
  private cells: (string | undefined)[] = [];
  private inRow = false;
  /** Rows with text so far; the first is the header. */
  private contentRows = 0;

  // The cell being read.
  private inCell = false;
  private column = 0;
  private type: string | undefined;
  private style: number | undefined;
  private value: string[] = [];
  private valueSize = 0;
  private formula = false;
  private inValue = false;
  private inInline = false;
  private readonly inline = new RichText();

  constructor(
    private readonly shared: string[],
    private readonly styles: CellStyle[],
    private readonly date1904: boolean,
    private readonly maxRows: number,
  ) {}

  get capturing(): boolean {
    return this.inValue || (this.inInline && this.inline.capturing);
  }

  open(name: string, attrs: string, selfClosing: boolean): void {
    if (!this.inData) {
      if (name === 'sheetData') this.inData = !selfClosing;
      else if (name === 'mergeCell') {
        const ref = attr(attrs, 'ref');
        if (ref !== undefined) this.merges.push(ref);
      }
      return;
    }
    if (this.inCell) {
      if (name === 'v') {
        this.inValue = !selfClosing;
      } else if (name === 'f') {
        this.formula = true;
      } else if (name === 'is') {
        this.inInline = !selfClosing;
        this.inline.reset();
      } else if (this.inInline) {
        this.inline.open(name, selfClosing);
      }
      return;
    }
    if (name === 'row') {
      const r = attr(attrs, 'r');
      this.rowNumber = r === undefined ? this.rowNumber + 1 : Number(r);
      if (!Number.isSafeInteger(this.rowNumber) || this.rowNumber < 1) throw new XmlSyntaxError('bad row number');
      this.cells = [];
      this.column = 0;
      this.inRow = true;
    } else if (name === 'c' && this.inRow) {
      const ref = attr(attrs, 'r');
      this.column = ref === undefined ? this.column + 1 : columnOf(ref);
      this.type = attr(attrs, 't');
      const s = attr(attrs, 's');
      this.style = s === undefined ? undefined : Number(s);
      this.value = [];
      this.valueSize = 0;
      this.formula = false;
      this.inInline = false;
      this.inline.reset();
      this.inCell = true;
    }
  }

  close(name: string): void {
    if (!this.inData) return;
    if (this.inCell) {
      if (name === 'c') this.endCell();
      else if (name === 'v') this.inValue = false;
      else if (name === 'is') this.inInline = false;
      else if (this.inInline) this.inline.close(name);
      return;
    }
    if (name === 'row') this.endRow();
    else if (name === 'sheetData') this.inData = false;
  }

  text(raw: string): void {
    if (this.inValue) {
      this.valueSize += raw.length;
      if (this.valueSize > MAX_TEXT_CHARS) throw this.tooLong();
      this.value.push(raw);
    } else {
      try {
        this.inline.text(raw);
      } catch (err) {
        throw err instanceof TextTooLong ? this.tooLong() : err;
      }
    }
  }

  private tooLong(): TabularFormatError {
    return TabularFormatError.fromProblems([{ row: this.rowNumber, reason: `a cell holds more than ${MAX_TEXT_CHARS} characters` }], 'the file is not a table');
  }

  private endCell(): void {
    this.inCell = false;
    this.inValue = false;
    const text = this.cellText();
    this.inInline = false;
    if (text === undefined) return;
    if (this.column > MAX_COLUMNS) {
      if (text.trim() === '') return;
      throw TabularFormatError.fromProblems([{ row: this.rowNumber, reason: `a cell in column ${this.column} has a value; at most ${MAX_COLUMNS} columns are read` }], 'the file is too wide');
    }
    this.cells[this.column - 1] = text;
  }

  private endRow(): void {
    this.inRow = false;
    const cells = this.cells;
    if (cells.length === 0) return;
    if (cells.some((c) => c !== undefined && c.trim() !== '')) {
      this.contentRows++;
      // Header + maxRows data rows; the builder words the error, on the same row.
      if (this.contentRows > this.maxRows + 1) {
        throw TabularFormatError.fromProblems([{ row: this.rowNumber, reason: `file has more than ${this.maxRows} data rows` }], 'the file is too large');
      }
    }
    this.rows.push({ rowNumber: this.rowNumber, cells });
  }

  /** What exceljs's value for this cell turned into (see cellText of the previous reader); undefined for no value. */
  private cellText(): string | undefined {
    const raw = this.value.length === 0 ? undefined : this.value.length === 1 ? this.value[0] : this.value.join('');
    switch (this.type) {
      case 's': {
        if (raw === undefined) return undefined;
        return this.shared[parseInt(raw, 10)] ?? '';
      }
      case 'inlineStr':
        return this.inline.value();
      case 'str':
        return raw === undefined ? undefined : decodeXml(raw);
      case 'b':
        return raw === undefined ? undefined : parseInt(raw, 10) !== 0 ? 'TRUE' : 'FALSE';
      case 'e':
        return raw === undefined ? undefined : decodeXml(raw);
      case 'd': {
        if (raw === undefined) return undefined;
        const ms = Date.parse(decodeXml(raw).trim());
        return Number.isNaN(ms) ? decodeXml(raw) : dateText(ms);
      }
      default: {
        // A formula never calculated has no cached value: empty, as exceljs read it.
        if (raw === undefined) return undefined;
        const n = parseFloat(raw);
        const style = this.style === undefined ? undefined : this.styles[this.style];
        if (style?.isDate && Number.isFinite(n)) return dateText(excelToMs(n, this.date1904));
        // exceljs applied a 00000 format to typed numbers only, not to a formula's cached result.
        return numberText(n, this.formula ? undefined : style?.numFmt);
      }
    }
  }

  finish(opts: ReadTableOptions | undefined): ParsedTable {
    this.blankMergedCells();
    let builder: TableBuilder | undefined;
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const { rowNumber, cells } = rows[i];
      rows[i] = undefined as unknown as Row; // let each row's array go once the builder has it
      if (builder !== undefined) builder.add(rowNumber, cells);
      // Rows with only formatting left are not a header; the first row with text is.
      else if (cells.some((cell) => cell !== undefined && cell.trim() !== '')) builder = new TableBuilder(cells, rowNumber, opts);
    }
    if (builder === undefined) throw TabularFormatError.fromProblems([{ row: 1, reason: 'file is empty' }]);
    return builder.finish('xlsx');
  }

  /** Excel's own CSV export writes a merged range's value once, in its top-left cell. */
  private blankMergedCells(): void {
    if (this.merges.length === 0) return;
    const byNumber = new Map<number, Row>();
    for (const row of this.rows) byNumber.set(row.rowNumber, row);
    for (const ref of this.merges) {
      const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
      if (m === null) continue;
      const [c1, r1, c2, r2] = [columnOf(m[1]), Number(m[2]), columnOf(m[3]), Number(m[4])];
      for (const row of this.rows) {
        if (row.rowNumber < r1 || row.rowNumber > r2) continue;
        const last = Math.min(c2, row.cells.length);
        for (let c = c1; c <= last; c++) {
          if (row.rowNumber === r1 && c === c1) continue;
          if (row.cells[c - 1] !== undefined) row.cells[c - 1] = '';
        }
      }
    }
  }
}

/** 1-based column of a cell reference (`AB12` → 28). */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) & ~0x20; // upper case
    if (ch < 0x41 || ch > 0x5a) break;
    col = col * 26 + (ch - 0x40);
  }
  if (col === 0) throw new XmlSyntaxError('bad cell reference');
  return col;
}

function notXlsx(buf: Buffer): TabularFormatError {
  // OLE2 compound file: a legacy .xls, or any workbook saved with a password.
  const ole = buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  const reason = ole ? `${NOT_XLSX} (it is a legacy .xls or password-protected workbook; save it as .xlsx without a password)` : NOT_XLSX;
  return TabularFormatError.fromProblems([{ row: 1, reason }]);
}

/**
 * Plain decimal, never exponent notation, and rounded to Excel's 15
 * significant digits so 0.1+0.2 reads as 0.3, as in the grid.
 * A zero-padding format (00000) is applied, because codes such as student
 * numbers are typed as numbers and only look right through that format.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  // Integers below 1e15 already fit in 15 digits; skipping toPrecision matters
  // for 100,000-row sheets of student numbers.
  const rounded = Number.isInteger(value) && Math.abs(value) < 1e15 ? value : Number(value.toPrecision(15));
  if (numFmt !== undefined && /^0+$/.test(numFmt) && Number.isInteger(rounded) && rounded >= 0) {
    return plainDecimal(rounded).padStart(numFmt.length, '0');
  }
  return plainDecimal(rounded);
}

function plainDecimal(value: number): string {
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const negative = value < 0;
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point === -1 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Position of the decimal point relative to the start of `digits`.
  const intLength = (point === -1 ? mantissa.length : point) + exponent;
  let out: string;
  if (intLength <= 0) out = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (intLength >= digits.length) out = digits + '0'.repeat(intLength - digits.length);
  else out = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return negative ? `-${out}` : out;
}

/** A serial date as the UTC instant holding its wall-clock value (exceljs's excelToDate). */
function excelToMs(serial: number, date1904: boolean): number {
  return Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
}

/**
 * Date-only values (the usual case: birth dates, completion dates) become
 * YYYY-MM-DD; a time part is kept rather than silently dropped.
 */
function dateText(ms: number): string {
  if (Number.isNaN(ms)) return '';
  // Serial numbers are floats; round to whole seconds so 10:00 does not read 09:59:59.
  const d = new Date(Math.round(ms / 1000) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const ymd = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return ymd;
  const hms = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  // Serial < 1 is a time-only cell; its date part (1899-12-30) is meaningless.
  return ms < EXCEL_DAY_ONE ? hms : `${ymd} ${hms}`;
}

/** 1899-12-31T00:00Z, serial 1 in the 1900 date system. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
