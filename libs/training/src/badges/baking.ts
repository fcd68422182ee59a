// Badge images and "baking" (OB 3.0 §5.3): the signed credential travels inside the image,
// so a badge downloaded, e-mailed or uploaded elsewhere can still be verified on its own.
//
// PNG: one uncompressed iTXt chunk, keyword `openbadgecredential`, placed before IEND. Done
// with hand-written chunk code rather than a decode/re-encode so every other byte of the
// image (colour profile, metadata, compression) stays exactly as it was.
// SVG: an <openbadges:credential> element, first child of the root <svg>, in the
// https://purl.imsglobal.org/ob/v3p0 namespace; JSON goes in CDATA, a compact JWS in `verify`.
import { createHash } from 'node:crypto';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export const PNG_ITXT_KEYWORD = 'openbadgecredential';
export const OB_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COMPACT_JWS_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** The payload must be the credential JSON or a compact JWS (VC-JWT), nothing else. */
function assertBakeable(credential: string): void {
  if (COMPACT_JWS_RE.test(credential.trim())) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(credential);
  } catch {
    throw new Error('Baked credential must be JSON or a compact JWS');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Baked credential JSON must be an object');
}

// ---------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------

interface PngChunk {
  type: string;
  data: Buffer;
  /** The chunk exactly as it appeared (length + type + data + CRC), re-emitted verbatim. */
  raw: Buffer;
}

function readChunks(png: Buffer): PngChunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG file (bad signature)');
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new Error('Truncated PNG chunk header');
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('Truncated PNG chunk');
    const type = png.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length), raw: png.subarray(offset, end) });
    offset = end;
    if (type === 'IEND') return chunks; // anything after IEND is ignored, as decoders do
  }
  throw new Error('PNG has no IEND chunk');
}

function makeChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

interface ITxt {
  keyword: string;
  compressed: boolean;
  text: Buffer;
}

/** iTXt: keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text */
function parseITxt(data: Buffer): ITxt | undefined {
  const k = data.indexOf(0);
  if (k < 1 || k + 3 > data.length) return undefined;
  const lang = data.indexOf(0, k + 3);
  if (lang < 0) return undefined;
  const translated = data.indexOf(0, lang + 1);
  if (translated < 0) return undefined;
  return { keyword: data.toString('latin1', 0, k), compressed: data[k + 1] === 1, text: data.subarray(translated + 1) };
}

function isCredentialChunk(chunk: PngChunk): boolean {
  return chunk.type === 'iTXt' && parseITxt(chunk.data)?.keyword === PNG_ITXT_KEYWORD;
}

/**
 * Returns a copy of `png` carrying `credential` (JSON or compact JWS) in an uncompressed
 * `openbadgecredential` iTXt chunk before IEND; an existing one is replaced (the spec allows
 * only one).
 */
export function bakePng(png: Buffer, credential: string): Buffer {
  assertBakeable(credential);
  const chunks = readChunks(png).filter((c) => !isCredentialChunk(c));
  const data = Buffer.concat([
    Buffer.from(PNG_ITXT_KEYWORD, 'latin1'),
    Buffer.from([0, 0, 0]), // keyword terminator, compression flag 0 (uncompressed), method 0
    Buffer.from([0, 0]), // empty language tag, empty translated keyword
    Buffer.from(credential, 'utf8'),
  ]);
  const out: Buffer[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'IEND') out.push(makeChunk('iTXt', data));
    out.push(c.raw);
  }
  return Buffer.concat(out);
}

/** The baked credential string, or undefined if the PNG has none. */
export function unbakePng(png: Buffer): string | undefined {
  const chunk = readChunks(png).find(isCredentialChunk);
  if (!chunk) return undefined;
  const itxt = parseITxt(chunk.data)!;
  // We never compress, but be liberal in what we read from other issuers' images.
  return (itxt.compressed ? inflateSync(itxt.text) : itxt.text).toString('utf8');
}

// ---------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------

// First <svg …> start tag, skipping comments, processing instructions and a DOCTYPE.
const ROOT_RE = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<svg\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/gi;

function findRoot(svg: string): { start: number; end: number; attrs: string; selfClosing: boolean } {
  ROOT_RE.lastIndex = 0;
  for (let m = ROOT_RE.exec(svg); m; m = ROOT_RE.exec(svg)) {
    if (m[0].toLowerCase().startsWith('<svg')) return { start: m.index, end: m.index + m[0].length, attrs: m[1], selfClosing: m[2] === '/' };
  }
  throw new Error('No <svg> root element found');
}

/** The prefix the root binds to the OB namespace (any prefix is legal), if any. */
function obPrefix(rootAttrs: string): string | undefined {
  const ns = OB_SVG_NAMESPACE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`\\sxmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*(["'])${ns}\\2`).exec(rootAttrs)?.[1];
}

function credentialElementRe(prefix: string): RegExp {
  const tag = `${prefix}:credential`;
  // Content may hold CDATA with arbitrary text (even "</…>"), so skip CDATA sections whole.
  return new RegExp(`<${tag}\\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>((?:<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|[^<]+|<(?!/${tag}\\s*>))*)</${tag}\\s*>)`, 'g');
}

const escapeXmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(parseInt(e[1] === 'x' ? e.slice(2) : e.slice(1), e[1] === 'x' ? 16 : 10)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e],
  );

/**
 * Embeds `credential` as the first child of the root <svg>: JSON inside CDATA, a compact JWS
 * in the `verify` attribute. Declares the namespace if needed; replaces an earlier bake.
 */
export function bakeSvg(svg: string, credential: string): string {
  assertBakeable(credential);
  let root = findRoot(svg);
  let prefix = obPrefix(root.attrs);
  if (prefix) {
    svg = svg.replace(credentialElementRe(prefix), '');
    root = findRoot(svg);
  } else {
    prefix = 'openbadges';
    svg = svg.replace(credentialElementRe(prefix), ''); // undeclared leftovers from a broken bake
    root = findRoot(svg);
    const attrs = `${root.attrs} xmlns:${prefix}="${OB_SVG_NAMESPACE}"`;
    svg = `${svg.slice(0, root.start)}<svg${attrs}${root.selfClosing ? '/' : ''}>${svg.slice(root.end)}`;
    root = findRoot(svg);
  }
  const trimmed = credential.trim();
  const element = COMPACT_JWS_RE.test(trimmed)
    ? `<${prefix}:credential verify="${escapeXmlAttr(trimmed)}"></${prefix}:credential>`
    : // "]]>" cannot appear inside CDATA: split it across two sections.
      `<${prefix}:credential><![CDATA[${credential.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${prefix}:credential>`;
  if (root.selfClosing) {
    return `${svg.slice(0, root.start)}<svg${root.attrs}>${element}</svg>${svg.slice(root.end)}`;
  }
  return `${svg.slice(0, root.end)}${element}${svg.slice(root.end)}`;
}

/** The baked credential (JSON text or JWS), or undefined. */
export function unbakeSvg(svg: string): string | undefined {
  const root = findRoot(svg);
  const prefix = obPrefix(root.attrs) ?? 'openbadges';
  const m = credentialElementRe(prefix).exec(svg);
  if (!m) return undefined;
  const verify = /\sverify\s*=\s*(["'])([\s\S]*?)\1/.exec(m[0].slice(0, m[0].indexOf('>') + 1));
  if (verify) return unescapeXml(verify[2]);
  const content = m[1] ?? '';
  let text = '';
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (let p = re.exec(content); p; p = re.exec(content)) text += p[1] ?? unescapeXml(p[2]);
  const out = text.trim();
  return out === '' ? undefined : out;
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

export interface BadgeArt {
  /** Main text, e.g. 'AI 기초 역량'. */
  title: string;
  /** Smaller line under the title, e.g. '서울특별시교육청'. */
  subtitle?: string;
  /** A number (1–5) shows stars and "LEVEL n"; a string (e.g. '심화') is shown as-is. */
  level?: number | string;
  /** Base colour, #rgb or #rrggbb. */
  color?: string;
}

const DEFAULT_COLOR = '#1E64C8';

function parseColor(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`Badge colour must be #rgb or #rrggbb, got "${color}"`); // also keeps markup out of attributes
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function mix([r, g, b]: [number, number, number], target: number, amount: number): string {
  const f = (c: number) => Math.round(c + (target - c) * amount).toString(16).padStart(2, '0');
  return `#${f(r)}${f(g)}${f(b)}`;
}

const escapeXmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Splits a long title in two, at the space nearest the middle (Korean titles usually have spaces). */
function titleLines(title: string): string[] {
  const t = title.trim().replace(/\s+/g, ' ');
  if ([...t].length <= 9) return [t];
  const mid = t.length / 2;
  let best = -1;
  for (let i = t.indexOf(' '); i >= 0; i = t.indexOf(' ', i + 1)) if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
  if (best > 0) return [t.slice(0, best), t.slice(best + 1)];
  const chars = [...t];
  const half = Math.ceil(chars.length / 2);
  return [chars.slice(0, half).join(''), chars.slice(half).join('')];
}

/**
 * A self-contained circular badge (no external fonts or images; Korean text uses the
 * system's Korean fonts). 400×400, scales cleanly.
 */
export function renderBadgeSvg(art: BadgeArt): string {
  const rgb = parseColor(art.color ?? DEFAULT_COLOR);
  const light = mix(rgb, 255, 0.25);
  const dark = mix(rgb, 0, 0.35);
  const deeper = mix(rgb, 0, 0.55);
  // Gradient ids are document-global when several SVGs are inlined in one HTML page, so make
  // them unique per badge design (deterministic, so the same badge renders byte-identical).
  const uid = `ob${createHash('sha256').update(JSON.stringify([art.title, art.subtitle, art.level, art.color])).digest('hex').slice(0, 10)}`;
  const lines = titleLines(art.title);
  const longest = Math.max(...lines.map((l) => [...l].length));
  // Hangul glyphs are roughly square: ~0.95em each; keep the title inside ~250px.
  const fontSize = Math.max(22, Math.min(46, Math.floor(250 / (longest * 0.95))));
  const titleY = lines.length === 1 ? 200 : 200 - fontSize * 0.55;
  const titleSvg = lines
    .map((l, i) => `<text x="200" y="${(titleY + i * fontSize * 1.15).toFixed(1)}" font-size="${fontSize}" font-weight="800" fill="#ffffff" text-anchor="middle" dominant-baseline="middle">${escapeXmlText(l)}</text>`)
    .join('');

  let levelSvg = '';
  if (typeof art.level === 'number') {
    const n = Math.max(1, Math.min(5, Math.round(art.level)));
    const stars = Array.from({ length: n }, (_, i) => {
      const cx = 200 + (i - (n - 1) / 2) * 26;
      return `<path transform="translate(${cx.toFixed(1)} 108) scale(0.55)" d="M0-20 5.9-6.5 20.9-6.2 9.5 3.2 13.5 18.2 0 9.7-13.5 18.2-9.5 3.2-20.9-6.2-5.9-6.5Z" fill="#FFD54F"/>`;
    }).join('');
    levelSvg = `${stars}<text x="200" y="307" font-size="20" font-weight="700" fill="#ffffff" text-anchor="middle" dominant-baseline="middle" letter-spacing="2">LEVEL ${n}</text>`;
  } else if (art.level) {
    levelSvg = `<text x="200" y="307" font-size="22" font-weight="700" fill="#ffffff" text-anchor="middle" dominant-baseline="middle">${escapeXmlText(art.level)}</text>`;
  }
  const subtitleSvg = art.subtitle
    ? `<text x="200" y="${lines.length === 1 ? 250 : 262}" font-size="17" font-weight="500" fill="#ffffff" fill-opacity="0.9" text-anchor="middle" dominant-baseline="middle">${escapeXmlText(art.subtitle)}</text>`
    : '';
  const label = [art.title, art.subtitle, art.level === undefined ? undefined : String(art.level)].filter(Boolean).join(' · ');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${escapeXmlAttr(label)}">`,
    `<title>${escapeXmlText(label)}</title>`,
    '<defs>',
    `<linearGradient id="${uid}-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient>`,
    `<linearGradient id="${uid}-rim" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="0.95"/><stop offset="1" stop-color="#dfe6ee"/></linearGradient>`,
    '</defs>',
    `<g font-family="'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic','Nanum Gothic',sans-serif">`,
    // Ribbon tails behind the medal.
    `<path d="M128 296 L98 388 L132 374 L150 398 L176 316 Z" fill="${deeper}"/>`,
    `<path d="M272 296 L302 388 L268 374 L250 398 L224 316 Z" fill="${deeper}"/>`,
    `<circle cx="200" cy="190" r="172" fill="url(#${uid}-rim)"/>`,
    `<circle cx="200" cy="190" r="158" fill="url(#${uid}-bg)"/>`,
    `<circle cx="200" cy="190" r="140" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3" stroke-dasharray="2 7" stroke-linecap="round"/>`,
    // Soft highlight on the upper half.
    `<path d="M58 170 A142 142 0 0 1 342 170 Q200 120 58 170 Z" fill="#ffffff" fill-opacity="0.10"/>`,
    art.level !== undefined ? `<rect x="110" y="288" width="180" height="38" rx="19" fill="${deeper}" fill-opacity="0.85"/>` : '',
    titleSvg,
    subtitleSvg,
    levelSvg,
    '</g>',
    '</svg>',
  ].join('');
}

/** Minimal RGBA8 PNG encoder: IHDR, one IDAT (filter "None" rows), IEND. */
function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA; compression, filter, interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height); // each row starts with filter byte 0
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([PNG_SIGNATURE, makeChunk('IHDR', ihdr), makeChunk('IDAT', deflateSync(raw, { level: 9 })), makeChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A small PNG (default 256×256): a filled disc in the badge colour with a white ring on a
 * transparent background. No text (that would need a font rasteriser); it is the bakeable
 * raster form for platforms that do not take SVG. Encoded by hand (a few lines with the
 * chunk code above): pngjs's encoder works too but is ~50x slower under Jest.
 */
export function renderBadgePng(options: { color?: string; size?: number; ringColor?: string } = {}): Buffer {
  const size = options.size ?? 256;
  if (!Number.isInteger(size) || size < 16 || size > 2048) throw new Error('PNG size must be an integer between 16 and 2048');
  const base = parseColor(options.color ?? DEFAULT_COLOR);
  const ring = parseColor(options.ringColor ?? '#FFFFFF');
  const rgba = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const outer = size * 0.47;
  const ringIn = outer * 0.8;
  const ringOut = outer * 0.88;
  // Coverage of an edge at distance d from radius r, for 1px anti-aliasing.
  const cover = (r: number, d: number) => Math.max(0, Math.min(1, r - d + 0.5));
  for (let y = 0; y < size; y++) {
    // Gentle top-to-bottom shading so the disc doesn't look flat.
    const shade = 1.12 - 0.24 * (y / size);
    for (let x = 0; x < size; x++) {
      const d = Math.sqrt((x - c) ** 2 + (y - c) ** 2);
      const i = (y * size + x) * 4;
      const ringAmount = Math.min(cover(ringOut, d), 1 - cover(ringIn, d));
      for (let k = 0; k < 3; k++) {
        const fill = Math.min(255, base[k] * shade);
        rgba[i + k] = Math.round(fill * (1 - ringAmount) + ring[k] * ringAmount);
      }
      rgba[i + 3] = Math.round(cover(outer, d) * 255);
    }
  }
  return encodeRgbaPng(size, size, rgba);
}
