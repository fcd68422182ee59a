/*
 * Row numbers are reported as physical lines, so every component that names a
 * row must agree on what a line break is. Excel writes CRLF, Unix tools LF and
 * old Mac exports a lone CR; all three end a line. None of these bytes can be
 * part of a UTF-8 or CP949 multi-byte sequence, so scanning raw bytes is safe
 * before the encoding is known.
 *
 * Scanning uses Buffer#indexOf (memchr) rather than a byte loop in JS: these
 * run over every byte of 100,000-row uploads.
 */

const LF = 0x0a;
const CR = 0x0d;

/** Like indexOf, but "not found" sorts after every real position. */
function next(buf: Buffer, byte: number, from: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 ? buf.length : i;
}

/**
 * Calls `visit(start, end, lineNumber)` for every line, `end` excluding the
 * terminator. Returning `false` stops early. A trailing terminator does not
 * produce an extra empty line.
 */
export function forEachLine(buf: Buffer, visit: (start: number, end: number, line: number) => boolean | void): void {
  const len = buf.length;
  let start = 0;
  let line = 1;
  let lf = next(buf, LF, 0);
  let cr = next(buf, CR, 0);
  while (start < len) {
    const end = Math.min(lf, cr);
    if (visit(start, end, line++) === false) return;
    start = end === cr && buf[cr + 1] === LF ? cr + 2 : end + 1;
    if (lf < start) lf = next(buf, LF, start);
    if (cr < start) cr = next(buf, CR, start);
  }
}

/**
 * Maps byte offsets to line numbers for offsets that only ever increase, which
 * is how parsers report records: the whole file is scanned once in total,
 * instead of from the top (or through a line index) for every row.
 */
export class LineCounter {
  private pos = 0;
  private line = 1;
  private lf = -1;
  private cr = -1;

  constructor(private readonly buf: Buffer) {}

  /** Line of the byte at `offset`; must not be called with a smaller offset later. */
  lineAt(offset: number): number {
    const buf = this.buf;
    const end = Math.min(offset, buf.length);
    for (;;) {
      if (this.lf < this.pos) this.lf = next(buf, LF, this.pos);
      if (this.cr < this.pos) this.cr = next(buf, CR, this.pos);
      const brk = Math.min(this.lf, this.cr);
      if (brk >= end) return this.line;
      // The CR of a CRLF is skipped; the line is counted at its LF.
      if (!(brk === this.cr && buf[brk + 1] === LF)) this.line++;
      this.pos = brk + 1;
    }
  }
}
