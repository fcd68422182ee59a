import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { forEachLine } from './line-breaks';
import { CellProblem, TabularFormatError } from './tabular-error';

/*
 * Korean schools send two kinds of CSV: Excel's "CSV UTF-8" (with BOM) and
 * the plain "CSV" that Korean Windows Excel and NEIS write in CP949. Files
 * that were edited in several tools can end up with both in one file; that is
 * reported instead of guessed, because decoding such a file either way turns
 * some names into mojibake that would then be imported as real data.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'cp949';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const CP949_IN_UTF8 = 'row is encoded as CP949 while the rest of the file is UTF-8';
const UTF8_IN_CP949 = 'row is encoded as UTF-8 while the rest of the file is CP949';
const UNDECODABLE = 'not valid UTF-8 or CP949';
const RESAVE_HINT = "re-save the file as 'CSV UTF-8'";

// ignoreBOM: the BOM is stripped explicitly so the reported encoding is exact.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Detected =
  | { encoding: 'utf-8' | 'utf-8-bom'; body: Buffer }
  | { encoding: 'cp949'; text: string };

export function decodeText(buf: Buffer): DecodedText {
  const detected = detect(buf);
  if (detected.encoding === 'cp949') return { text: detected.text, encoding: 'cp949' };
  // detect() already validated the bytes; fatal mode is a guard, not a check.
  return { text: utf8Decoder.decode(detected.body), encoding: detected.encoding };
}

/**
 * Same decision as decodeText, but yields UTF-8 bytes: the CSV parser works on
 * bytes and reports byte offsets, and for the common UTF-8 case this avoids
 * materialising (and re-encoding) a string of the whole file.
 * @internal
 */
export function toUtf8Bytes(buf: Buffer): { bytes: Buffer; encoding: TextEncodingName } {
  const detected = detect(buf);
  if (detected.encoding === 'cp949') return { bytes: Buffer.from(detected.text, 'utf8'), encoding: 'cp949' };
  return { bytes: detected.body, encoding: detected.encoding };
}

function detect(buf: Buffer): Detected {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    // Excel's "Unicode Text" export; CP949 decoding would "succeed" into garbage.
    throw TabularFormatError.fromProblems(
      [{ row: 1, reason: `file is UTF-16 text, which is not supported: ${RESAVE_HINT}` }],
      'unsupported text encoding',
    );
  }

  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    // The BOM declares UTF-8, so any other line is wrong whatever the counts say.
    // The BOM holds no line break, so line numbers in the body are file line numbers.
    const body = buf.subarray(3);
    if (isUtf8(body)) return { encoding: 'utf-8-bom', body };
    throw mixedError(linesNotInMajority(body, true));
  }

  // Checked without decoding so the UTF-8 path allocates nothing here.
  if (isUtf8(buf)) return { encoding: 'utf-8', body: buf };

  let utf8Lines = 0;
  let otherLines = 0;
  forEachLine(buf, (start, end) => {
    const line = buf.subarray(start, end);
    // ASCII reads the same in both encodings, so it is evidence for neither.
    if (isAscii(line)) return;
    if (isUtf8(line)) utf8Lines++;
    else otherLines++;
  });

  if (utf8Lines === 0) {
    const text = iconv.decode(buf, 'cp949');
    if (!text.includes('\uFFFD')) return { encoding: 'cp949', text };
    const problems: CellProblem[] = [];
    forEachLine(buf, (start, end, row) => {
      const line = buf.subarray(start, end);
      if (!isAscii(line) && !isCleanCp949(line)) problems.push({ row, reason: UNDECODABLE });
    });
    throw TabularFormatError.fromProblems(problems, `the file contains bytes that are not text: ${RESAVE_HINT}`);
  }

  // Unreachable in practice (0x0A/0x0D never occur inside a UTF-8 sequence, so
  // valid lines make a valid file), but keeps the decision total.
  if (otherLines === 0) return { encoding: 'utf-8', body: buf };

  // Ties go to UTF-8: it is what we ask schools to send.
  throw mixedError(linesNotInMajority(buf, utf8Lines >= otherLines));
}

/** Second pass, only on the error path, so the happy path keeps no per-line state. */
function linesNotInMajority(buf: Buffer, utf8Majority: boolean): CellProblem[] {
  const problems: CellProblem[] = [];
  forEachLine(buf, (start, end, row) => {
    const line = buf.subarray(start, end);
    if (isAscii(line)) return;
    const validUtf8 = isUtf8(line);
    if (utf8Majority) {
      if (!validUtf8) problems.push({ row, reason: isCleanCp949(line) ? CP949_IN_UTF8 : UNDECODABLE });
    } else if (validUtf8) {
      problems.push({ row, reason: UTF8_IN_CP949 });
    } else if (!isCleanCp949(line)) {
      problems.push({ row, reason: UNDECODABLE });
    }
  });
  return problems;
}

function mixedError(problems: CellProblem[]): TabularFormatError {
  return TabularFormatError.fromProblems(problems, `the file mixes UTF-8 and CP949 text: ${RESAVE_HINT}`);
}

function isCleanCp949(line: Buffer): boolean {
  // CP949 has no mapping to U+FFFD, so its presence means undecodable bytes.
  return !iconv.decode(line, 'cp949').includes('\uFFFD');
}
