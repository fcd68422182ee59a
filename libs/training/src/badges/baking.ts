// Badge images and "baking" (OB 3.0 §5.3): the signed credential travels inside the image,
// so a badge downloaded, e-mailed or uploaded elsewhere can still be verified on its own.
//
// PNG: one uncompressed iTXt chunk, keyword `openbadgecredential`, placed before IEND. Done
// with hand-written chunk code rather than a decode/re-encode so every other byte of the
// image (colour profile, metadata, compression) stays exactly as it was.
// SVG: an <openbadges:credential> element, first child of the root <svg>, in the
// https://purl.imsglobal.org/ob/v3p0 namespace; JSON goes in CDATA, a compact JWS in `verify`.
//
// Rendering: one design. `renderBadgeSvg` draws the badge; `renderBadgePng` is that SVG
// rasterised by resvg with a bundled Korean font.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { lazyModule } from '@app/core/lazy/lazy-module';

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
// Rendering: one design, the SVG; the PNG is that SVG rasterised
// ---------------------------------------------------------------------------------------

export interface BadgeArt {
  /** Main text: the course or level title, e.g. 'AI 기초 연수'. */
  title: string;
  /** On the white banner across the medal, in dark text: the earner's name. */
  subtitle?: string;
  /** Across the top of the medal, e.g. '서울특별시교육청'. */
  issuer?: string;
  /** When it was awarded (an instant), shown as its Seoul calendar date: '2026. 12. 20.'. */
  date?: string | Date;
  /** A number (1–5) shows stars and "LEVEL n"; a string (e.g. '기본 단계') is shown as-is. */
  level?: number | string;
  /** Base colour (the level colour), #rgb or #rrggbb. */
  color?: string;
}

/**
 * The font the badge is drawn in, bundled (Noto Sans KR Regular and Bold, OTF, from the npm
 * package @embedpdf/fonts-kr) so the PNG never depends on the machine's fonts. The SVG names it
 * first; a browser without it falls back to the system's Korean fonts.
 */
export const BADGE_FONT_FAMILY = 'Noto Sans KR';
const FONT_STACK = `'${BADGE_FONT_FAMILY}','Apple SD Gothic Neo','Malgun Gothic','Nanum Gothic',sans-serif`;
const BADGE_FONT_FILES = ['NotoSansKR-Regular.otf', 'NotoSansKR-Bold.otf'];

const DEFAULT_COLOR = '#1E64C8';
const TITLE_MAX_SIZE = 46;
const TITLE_MIN_SIZE = 14;
const LINE_HEIGHT = 1.15;

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

/** '2026. 12. 20.': the Seoul calendar day of an instant, the way Korean documents write a date. */
export function formatBadgeDate(date: string | Date): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new Error(`Badge date is not a date: "${String(date)}"`);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d).split('-').map(Number);
  return `${year}. ${month}. ${day}.`;
}

/** Approximate advance of `text` in em in Noto Sans KR (measured with resvg): enough to fit text in the medal. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch)) w += 0.92;
    else if (/\s/.test(ch)) w += 0.22;
    else if (/[iIl.,:;'!|]/.test(ch)) w += 0.28;
    else if (/[A-Z0-9]/.test(ch)) w += 0.62;
    else if (/[a-z]/.test(ch)) w += 0.52;
    else w += 0.6;
  }
  return w;
}

/** Splits tokens into `n` (1–3) consecutive lines with the narrowest widest line. */
function splitLines(tokens: string[], n: number, joiner: string): string[] {
  const prefix = [0];
  for (const t of tokens) prefix.push(prefix[prefix.length - 1] + emWidth(t));
  const gap = emWidth(joiner);
  const width = (a: number, b: number) => prefix[b] - prefix[a] + gap * (b - a - 1);
  const k = tokens.length;
  let best = { cuts: [] as number[], width: width(0, k) };
  if (n === 2) for (let i = 1; i < k; i++) best = Math.max(width(0, i), width(i, k)) < best.width ? { cuts: [i], width: Math.max(width(0, i), width(i, k)) } : best;
  if (n === 3) {
    best = { cuts: [], width: Infinity };
    for (let i = 1; i < k - 1; i++) {
      for (let j = i + 1; j < k; j++) {
        const w = Math.max(width(0, i), width(i, j), width(j, k));
        if (w < best.width) best = { cuts: [i, j], width: w };
      }
    }
  }
  const bounds = [0, ...best.cuts, k];
  return bounds.slice(1).map((end, i) => tokens.slice(bounds[i], end).join(joiner));
}

/** Cuts `text` with '…' to at most `room` em. */
function cut(text: string, room: number): string {
  if (emWidth(text) <= room) return text;
  const chars = [...text];
  while (chars.length && emWidth(`${chars.join('')}…`) > room) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** The title in 1–3 lines at the largest size that fits `maxWidth` × `maxHeight`; cut with '…' past that. */
function fitTitle(title: string, maxWidth: number, maxHeight: number): { lines: string[]; size: number } {
  // Past what three lines hold at the smallest size, cut (the full title stays in <title>).
  const text = cut(title.trim().replace(/\s+/g, ' ') || ' ', (3 * maxWidth * 0.9) / TITLE_MIN_SIZE);
  const words = text.split(' ');
  // A title without spaces may break anywhere (Korean allows it between syllables).
  const [tokens, joiner] = words.length > 1 ? [words, ' '] : [[...text], ''];
  let fit = { lines: [text], size: 0 };
  for (let n = 1; n <= Math.min(3, tokens.length); n++) {
    const lines = splitLines(tokens, n, joiner);
    const size = Math.min(TITLE_MAX_SIZE, maxWidth / Math.max(...lines.map(emWidth)), maxHeight / (n * LINE_HEIGHT));
    if (size > fit.size * (n > 1 ? 1.1 : 1)) fit = { lines, size }; // another line only for a clearly larger title
  }
  const size = Math.max(TITLE_MIN_SIZE, Math.floor(fit.size));
  return { lines: fit.lines.map((line) => cut(line, maxWidth / size)), size };
}

/** A font size (≤ `max`) at which `text` fits in `width`. */
const fitSize = (text: string, width: number, max: number) => Math.max(8, Math.min(max, Math.floor(width / Math.max(emWidth(text), 1))));

const textEl = (x: number, y: number, size: number, weight: 400 | 700, fill: string, text: string, extra = '') =>
  `<text x="${x}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle" dominant-baseline="central"${extra}>${escapeXmlText(text)}</text>`;

/**
 * The badge, a medal: ribbon tails, a white rim, a disc in the level colour with the issuer
 * across the top and the title in the middle, a white banner with the earner's name in dark
 * text, and a chip with the level and the date. 400×400, self-contained (no external fonts or
 * images), scales cleanly; `renderBadgePng` rasterises this very SVG.
 */
export function renderBadgeSvg(art: BadgeArt): string {
  const rgb = parseColor(art.color ?? DEFAULT_COLOR);
  const base = mix(rgb, 0, 0);
  const light = mix(rgb, 255, 0.22);
  const dark = mix(rgb, 0, 0.3);
  const deeper = mix(rgb, 0, 0.55);
  const darkest = mix(rgb, 0, 0.75);
  const date = art.date === undefined ? undefined : formatBadgeDate(art.date);
  // Gradient ids are document-global when several SVGs are inlined in one HTML page, so make
  // them unique per badge design (deterministic, so the same badge renders byte-identical).
  const uid = `ob${createHash('sha256').update(JSON.stringify([art.title, art.subtitle, art.issuer, date, art.level, art.color])).digest('hex').slice(0, 10)}`;

  const parts: string[] = [];
  if (art.issuer) parts.push(textEl(200, 80, fitSize(art.issuer, 190, 15), 700, '#ffffff', art.issuer, ' fill-opacity="0.92" letter-spacing="0.5"'));
  let levelText: string | undefined;
  if (typeof art.level === 'number') {
    const n = Math.max(1, Math.min(5, Math.round(art.level)));
    for (let i = 0; i < n; i++) {
      const cx = 200 + (i - (n - 1) / 2) * 26;
      parts.push(`<path transform="translate(${cx.toFixed(1)} 108) scale(0.55)" d="M0-20 5.9-6.5 20.9-6.2 9.5 3.2 13.5 18.2 0 9.7-13.5 18.2-9.5 3.2-20.9-6.2-5.9-6.5Z" fill="#FFD54F"/>`);
    }
    levelText = `LEVEL ${n}`;
  } else if (art.level) {
    levelText = art.level;
  }
  const chipText = [levelText, date].filter(Boolean).join(' · ');

  // The title takes the room between the issuer (or stars) and the banner (or chip).
  const top = typeof art.level === 'number' ? 124 : art.issuer ? 98 : 70;
  const bottom = art.subtitle ? 206 : chipText ? 272 : 300;
  const title = fitTitle(art.title, art.subtitle ? 236 : 250, bottom - top);
  const mid = (top + bottom) / 2;
  title.lines.forEach((line, i) => parts.push(textEl(200, mid + (i - (title.lines.length - 1) / 2) * title.size * LINE_HEIGHT, title.size, 700, '#ffffff', line)));

  if (art.subtitle) {
    // A banner across the medal, its ends folded behind.
    parts.push(
      `<path d="M60 222 H20 L34 242 L20 262 H60 Z" fill="${deeper}"/><path d="M340 222 H380 L366 242 L380 262 H340 Z" fill="${deeper}"/>`,
      `<path d="M44 254 L60 262 V254 Z" fill="${darkest}"/><path d="M356 254 L340 262 V254 Z" fill="${darkest}"/>`,
      `<rect x="44" y="214" width="312" height="40" rx="4" fill="#ffffff"/>`,
      textEl(200, 234, fitSize(art.subtitle, 280, 22), 700, '#1a202c', art.subtitle),
    );
  }
  if (chipText) {
    const y = art.subtitle ? 290 : 307;
    const size = fitSize(chipText, 230, art.subtitle ? 15 : 20);
    const width = Math.min(260, Math.max(110, Math.ceil(emWidth(chipText) * size + 36)));
    parts.push(`<rect x="${200 - width / 2}" y="${y - 18}" width="${width}" height="36" rx="18" fill="${deeper}" fill-opacity="0.9"/>`, textEl(200, y, size, 700, '#ffffff', chipText));
  }
  const label = [art.title, art.subtitle, levelText, art.issuer, date].filter(Boolean).join(' · ');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${escapeXmlAttr(label)}">`,
    `<title>${escapeXmlText(label)}</title>`,
    '<defs>',
    // The level colour itself across the disc's middle, lighter above and darker below.
    `<linearGradient id="${uid}-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="0.5" stop-color="${base}"/><stop offset="1" stop-color="${dark}"/></linearGradient>`,
    `<linearGradient id="${uid}-rim" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="0.95"/><stop offset="1" stop-color="#dfe6ee"/></linearGradient>`,
    '</defs>',
    `<g font-family="${FONT_STACK}">`,
    // Ribbon tails behind the medal.
    `<path d="M128 296 L98 388 L132 374 L150 398 L176 316 Z" fill="${deeper}"/>`,
    `<path d="M272 296 L302 388 L268 374 L250 398 L224 316 Z" fill="${deeper}"/>`,
    `<circle cx="200" cy="190" r="172" fill="url(#${uid}-rim)"/>`,
    `<circle cx="200" cy="190" r="158" fill="url(#${uid}-bg)"/>`,
    `<circle cx="200" cy="190" r="140" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3" stroke-dasharray="2 7" stroke-linecap="round"/>`,
    // Soft highlight on the upper half.
    `<path d="M58 170 A142 142 0 0 1 342 170 Q200 120 58 170 Z" fill="#ffffff" fill-opacity="0.10"/>`,
    ...parts,
    '</g>',
    '</svg>',
  ].join('');
}

let fontFiles: string[] | undefined;

/** The bundled font files, found once; a missing one is an error, not a PNG without text. */
function badgeFontFiles(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(require.resolve('@embedpdf/fonts-kr')), '..', 'fonts');
    const files = BADGE_FONT_FILES.map((f) => join(dir, f));
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`Badge font files missing: ${missing.join(', ')}`);
    fontFiles = files;
  }
  return fontFiles;
}

/** The resvg addon, loaded with the first PNG (most badges are only ever served as SVG or JSON). */
const resvg = lazyModule(() => import('@resvg/resvg-js'));

/**
 * Rasterises a badge SVG (from `renderBadgeSvg`) to PNG with resvg, at `scale` × its size
 * (default 2: 800×800), with the bundled font only (no system fonts). Runs off the event loop.
 */
export async function renderBadgePng(svg: string, options: { scale?: number } = {}): Promise<Buffer> {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 5)) throw new Error('PNG scale must be in (0, 5]');
  const { renderAsync } = await resvg();
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: badgeFontFiles(), loadSystemFonts: false, defaultFontFamily: BADGE_FONT_FAMILY },
    languages: ['ko'],
    logLevel: 'off',
  });
  return image.asPng();
}
