import { constants, crc32, deflateRawSync } from 'node:zlib';

/*
 * Hostile archives for tests, built in memory without ever holding what they expand to: a deflate
 * stream is made of independently compressed pieces (each ends with a full flush, so none refers
 * back into another), and one small piece repeated N times inflates to N times its text.
 */

export interface ZipPart {
  name: string;
  /** Raw deflate data (method 8), or the stored bytes with `stored`. */
  data: Buffer;
  stored?: boolean;
  /** The true uncompressed size. */
  size: number;
  /** What the archive's directory (and local header) says; `size` unless lying. */
  declaredSize?: number;
  crc: number;
  /** Write the sizes as ZIP64 extended information (0xFFFFFFFF in the 32-bit fields), as streaming writers do. */
  zip64?: boolean;
}

/** An ordinary deflated entry. */
export function part(name: string, content: string | Buffer, level = 6): ZipPart {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data: deflateRawSync(bytes, { level }), size: bytes.length, crc: crc32(bytes) };
}

/**
 * An entry whose text is `head`, then `unit` repeated until about `targetBytes`, then `tail`.
 * Its CRC is left 0: hashing gigabytes would make the test slow, and no reader checks the CRC
 * before inflating (which is where a bomb does its harm).
 */
export function bombPart(name: string, head: string, unit: string, tail: string, targetBytes: number, declaredSize?: number): ZipPart {
  const unitBytes = Buffer.from(unit.repeat(Math.max(1, Math.floor((1024 * 1024) / unit.length))), 'utf8');
  const count = Math.max(1, Math.floor(targetBytes / unitBytes.length));
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const headZ = deflateRawSync(Buffer.from(head, 'utf8'), flush);
  const unitZ = deflateRawSync(unitBytes, flush);
  const tailBytes = Buffer.from(tail, 'utf8');
  const tailZ = deflateRawSync(tailBytes, { level: 9 });
  const pieces: Buffer[] = [headZ];
  for (let i = 0; i < count; i++) pieces.push(unitZ);
  pieces.push(tailZ);
  const size = Buffer.byteLength(head) + unitBytes.length * count + tailBytes.length;
  return { name, data: Buffer.concat(pieces), size, declaredSize, crc: 0 };
}

/** A ZIP archive of the parts, with their declared sizes (ZIP64 sizes for parts that ask). */
export function buildZip(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    if (!p.zip64 && (declared > 0xffffffff || p.data.length > 0xffffffff)) throw new Error('too large for a ZIP without ZIP64');
    const extra = Buffer.alloc(p.zip64 ? 20 : 0);
    if (p.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(p.data.length), 12);
    }
    const csize32 = p.zip64 ? 0xffffffff : p.data.length;
    const usize32 = p.zip64 ? 0xffffffff : declared;
    const method = p.stored ? 0 : 8;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(p.crc >>> 0, 14);
    header.writeUInt32LE(csize32, 18);
    header.writeUInt32LE(usize32, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(extra.length, 28);
    local.push(header, name, extra, p.data);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(csize32, 20);
    entry.writeUInt32LE(usize32, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name, extra);
    offset += 30 + name.length + extra.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts of a minimal workbook around `sheet` (xl/worksheets/sheet1.xml). */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  return [
    part('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    part('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    part('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    part('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ];
}

/**
 * An XLSX whose first sheet inflates to about `targetBytes` (rows of the same inline text) and
 * compresses about 1000:1. `declaredSize` makes the directory lie about the sheet's size.
 */
export function xlsxBomb(targetBytes: number, declaredSize?: number): Buffer {
  const row = '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>';
  return buildZip(workbookParts(bombPart('xl/worksheets/sheet1.xml', SHEET_HEAD, row, SHEET_TAIL, targetBytes, declaredSize)));
}

/** A ZIP of QTI results documents, one entry per `sizes` element, each inflating to about that many bytes. */
export function qtiZipBomb(entries: { name: string; bytes: number; declaredSize?: number }[]): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><assessmentResults xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0">';
  const unit = '<assessmentResult><context sourcedId="S1"/><itemResult identifier="Q1" sessionStatus="final"/></assessmentResult>';
  return buildZip(entries.map((e) => bombPart(e.name, head, unit, '</assessmentResults>', e.bytes, e.declaredSize)));
}
