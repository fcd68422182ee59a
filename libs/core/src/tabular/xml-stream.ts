/*
 * A small streaming XML tokenizer for the parts of an XLSX workbook: it is fed decoded text in
 * chunks as they come out of the inflater and reports start tags, end tags and, only while the
 * handler asks for it, text. Nothing but an unfinished tag is kept between chunks, so a sheet of
 * any size is read in constant memory.
 *
 * It is not a validating parser: it reads well-formed SpreadsheetML the way Excel writes it
 * (namespace prefixes are dropped, comments and processing instructions skipped) and refuses
 * DOCTYPE declarations, so no entity can ever be defined, let alone expanded.
 */

export interface XmlHandler {
  /** `attrs` is the raw text between the name and `>` (or `/>`); see `attr`. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not decoded; CDATA already escaped), only while `capturing` is true. */
  text(raw: string): void;
  readonly capturing: boolean;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

/** Longest single tag, comment or CDATA section; an XLSX part has none near this. */
const MAX_TOKEN_CHARS = 1024 * 1024;

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COLON = 0x3a;

export class XmlTokenizer {
  private buf = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    const consumed = this.run();
    this.buf = consumed === this.buf.length ? '' : this.buf.slice(consumed);
    if (this.buf.length > MAX_TOKEN_CHARS) throw new XmlSyntaxError('an element is too long');
  }

  end(): void {
    if (this.buf.trim() !== '') throw new XmlSyntaxError('the document ends inside a tag');
  }

  /** Handles every complete token in `buf`; returns how far it got. */
  private run(): number {
    const s = this.buf;
    const h = this.handler;
    const len = s.length;
    let p = 0;
    while (p < len) {
      const lt = s.indexOf('<', p);
      if (lt === -1) {
        // Text to the end of the chunk; the rest of it may follow in the next one.
        if (h.capturing) h.text(s.slice(p));
        return len;
      }
      if (lt > p && h.capturing) h.text(s.slice(p, lt));
      p = lt;
      if (p + 1 >= len) return p;
      const c = s.charCodeAt(p + 1);
      if (c === BANG) {
        if (s.startsWith('<!--', p)) {
          const e = s.indexOf('-->', p + 4);
          if (e === -1) return p;
          p = e + 3;
        } else if (s.startsWith('<![CDATA[', p)) {
          const e = s.indexOf(']]>', p + 9);
          if (e === -1) return p;
          if (h.capturing) h.text(s.slice(p + 9, e).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          p = e + 3;
        } else if (len - p < 9) {
          return p; // too short to tell yet
        } else {
          throw new XmlSyntaxError('DOCTYPE and other declarations are not allowed');
        }
        continue;
      }
      if (c === QUESTION) {
        const e = s.indexOf('?>', p + 2);
        if (e === -1) return p;
        p = e + 2;
        continue;
      }
      const gt = tagEnd(s, p + 1);
      if (gt === -1) return p;
      if (c === SLASH) {
        h.close(localName(s, p + 2, nameEnd(s, p + 2, gt)));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === SLASH;
        const end = nameEnd(s, p + 1, gt);
        const name = localName(s, p + 1, end);
        if (name === '') throw new XmlSyntaxError('a tag has no name');
        h.open(name, s.slice(end, selfClosing ? gt - 1 : gt), selfClosing);
        if (selfClosing) h.close(name);
      }
      p = gt + 1;
    }
    return p;
  }
}

/** Index of the `>` closing the tag that starts before `from`, skipping quoted attribute values; -1 if not in `s` yet. */
function tagEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const gt = s.indexOf('>', i);
    if (gt === -1) return -1;
    let quote = -1;
    for (let k = i; k < gt; k++) {
      const ch = s.charCodeAt(k);
      if (ch === DQUOTE || ch === SQUOTE) {
        quote = k;
        break;
      }
    }
    if (quote === -1) return gt;
    const close = s.indexOf(s[quote], quote + 1);
    if (close === -1) return -1;
    i = close + 1;
  }
}

function nameEnd(s: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const ch = s.charCodeAt(i);
    if (ch <= 0x20 || ch === SLASH || ch === GT) break;
    i++;
  }
  return i;
}

/** `x:row` → `row`: SpreadsheetML is sometimes written with a prefix (the Open XML SDK does). */
function localName(s: string, from: number, to: number): string {
  for (let i = to - 1; i >= from; i--) {
    if (s.charCodeAt(i) === COLON) return s.slice(i + 1, to);
  }
  return s.slice(from, to);
}

const attrPatterns = new Map<string, RegExp>();

/** The value of attribute `name` (without prefix, e.g. `id` for `r:id`) in raw attribute text, entities decoded. */
export function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`(?:^|[\\s:])${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  if (m === null) return undefined;
  return decodeXml(m[1] ?? m[2]);
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
export function decodeXml(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 0x23) return NAMED[ref];
    const code = ref.charCodeAt(1) === 0x78 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

