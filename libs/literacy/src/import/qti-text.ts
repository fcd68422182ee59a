/*
 * From uploaded bytes to XML text we are willing to parse: what the bytes are (ZIP, XML, empty),
 * their encoding, refused declarations, and readable syntax messages. Part of the QTI reader.
 */
export function isZip(b: Buffer): boolean {
  // Local file header, or the end-of-central-directory record of an empty archive.
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function isEmpty(b: Uint8Array): boolean {
  let i = hasUtf8Bom(b) ? 3 : 0;
  while (i < b.length && isWhitespace(b[i])) i++;
  return i >= b.length;
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function utf16Bom(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** First non-blank character is `<` (after a UTF-8 or UTF-16 byte-order mark). */
export function looksLikeXml(b: Uint8Array): boolean {
  const u16 = utf16Bom(b);
  if (u16) {
    const lo = u16 === 'utf-16le' ? 0 : 1;
    for (let i = 2; i + 1 < b.length; i += 2) {
      const c = b[i + lo];
      if (b[i + 1 - lo] !== 0) return false;
      if (!isWhitespace(c)) return c === 0x3c;
    }
    return false;
  }
  let i = hasUtf8Bom(b) ? 3 : 0;
  while (i < b.length && isWhitespace(b[i])) i++;
  return i < b.length && b[i] === 0x3c;
}

/** Elements left open are what a cut-short upload looks like; say so in words. */
export function syntaxMessage(msg: string): string {
  const many = /^Invalid '\[([\s\S]*)\]' found\.$/.exec(msg); // the validator's JSON list
  const one = /^Unclosed tag '([^']+)'\.$/.exec(msg);
  const open = many ? many[1].split(',') : one ? [one[1]] : undefined;
  if (open === undefined) return msg;
  const names = open.map((n) => `<${n.trim().replace(/^"|"$/g, '')}>`);
  return `the file ends before ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} closed (was it cut short?)`;
}

/**
 * `<!DOCTYPE` or `<!ENTITY` outside CDATA sections and comments, if any.
 * Refused outright: no document we read needs a DTD, and refusing them rules
 * out entity-expansion attacks whatever the parser's settings.
 */
export function findDeclaration(text: string): string | undefined {
  if (text.indexOf('<!DOCTYPE') === -1 && text.indexOf('<!ENTITY') === -1) return undefined;
  const stripped = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  if (stripped.includes('<!DOCTYPE')) return 'DOCTYPE';
  if (stripped.includes('<!ENTITY')) return 'ENTITY';
  return undefined;
}

/** Bytes → text by BOM, else the XML declaration's encoding, else UTF-8; invalid bytes are an error. */
export function decode(bytes: Uint8Array): string | { error: string } {
  let encoding: string;
  let body = bytes;
  const u16 = utf16Bom(bytes);
  if (u16) {
    encoding = u16;
    body = bytes.subarray(2);
  } else if (hasUtf8Bom(bytes)) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
    const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    encoding = declared === undefined ? 'utf-8' : declared.toLowerCase();
    // A declaration we could read as ASCII was not written in UTF-16, whatever it says.
    if (encoding.startsWith('utf-16') || encoding === 'utf16') encoding = 'utf-8';
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return { error: `the file's encoding '${encoding}' is not supported; save it as UTF-8` };
  }
  try {
    return decoder.decode(body);
  } catch (err) {
    if (err instanceof RangeError) return { error: 'the file is too large to read' };
    return { error: `the file is not valid ${decoder.encoding.toUpperCase()} text` };
  }
}
