import { createInflateRaw, inflateRawSync } from 'node:zlib';

/*
 * A ZIP reader for untrusted uploads (XLSX workbooks, QTI result archives) that never inflates
 * more than it is allowed to. A "zip bomb" is a few MB that expand to gigabytes; general-purpose
 * readers inflate each entry whole before anyone can look at its size.
 *
 * - Sizes come from the central directory only (local headers may carry zeros when a data
 *   descriptor follows, and are easier to forge unnoticed). ZIP64 sizes are read too.
 * - Before an entry is inflated: its declared size must fit what is left of the archive's
 *   expansion budget, and past RATIO_GRACE_BYTES its declared size ÷ compressed size must not
 *   exceed the ratio limit (workbook XML compresses 10–20:1, QTI up to ~150:1; a bomb 250–1000:1).
 * - While inflating, the bytes actually produced are counted: an entry that produces more than
 *   its declared size is lying and is stopped at once, so a lie cannot get past the checks above.
 * - Entries are inflated as a stream (`inflate`) in 64 KiB chunks on zlib's thread pool, so a large
 *   entry never sits in memory whole and the event loop keeps answering; `readSync` is for
 *   callers that need the whole entry anyway and is bounded by the same checks.
 */

export interface ZipLimits {
  /** Most bytes the entries read from one archive may inflate to, together. */
  maxExpandedBytes: number;
  /** Largest declared size ÷ compressed size of an entry larger than RATIO_GRACE_BYTES. */
  maxRatio: number;
  /** Most entries in the central directory; default 20,000. */
  maxEntries?: number;
}

/** Small entries may compress as well as they like: a 1 MiB entry is harmless whatever its ratio. */
export const RATIO_GRACE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ENTRIES = 20_000;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as the central directory declares it; enforced while inflating. */
  size: number;
  localHeaderOffset: number;
}

/**
 * `unreadable`: not a ZIP archive, damaged, encrypted or compressed in a way we do not read.
 * `too-large`: refused by a limit (declared size, ratio, budget, or inflating past the declared size).
 */
export class ZipError extends Error {
  override readonly name = 'ZipError';

  constructor(
    readonly kind: 'unreadable' | 'too-large',
    /** What is wrong, without the entry name; about an entry it reads on from its name ("is encrypted"). */
    readonly reason: string,
    readonly entry?: string,
  ) {
    super(entry === undefined ? reason : `${entry} ${reason}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const INFLATE_CHUNK = 64 * 1024;

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  private expanded = 0;

  private constructor(
    private readonly buf: Buffer,
    readonly limits: ZipLimits,
    entries: ZipEntry[],
  ) {
    this.entries = entries;
    for (const e of entries) {
      if (!this.byName.has(e.name)) this.byName.set(e.name, e);
      const lower = e.name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, e);
    }
  }

  /** Reads the central directory; nothing is inflated. Throws ZipError. */
  static open(buf: Buffer, limits: ZipLimits): ZipArchive {
    return new ZipArchive(buf, limits, readDirectory(buf, limits.maxEntries ?? DEFAULT_MAX_ENTRIES));
  }

  /** Exact name first; OPC part names (XLSX) are case-insensitive, so then ignoring case. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  /** Bytes inflated from this archive so far. */
  get expandedBytes(): number {
    return this.expanded;
  }

  /** Why `entry` would be refused before inflating it, or undefined. */
  refusal(entry: ZipEntry): ZipError | undefined {
    if (entry.flags & FLAG_ENCRYPTED) return new ZipError('unreadable', 'is encrypted', entry.name);
    if (entry.method !== 0 && entry.method !== 8) {
      return new ZipError('unreadable', `is compressed with method ${entry.method}, which is not read`, entry.name);
    }
    const max = this.limits.maxExpandedBytes;
    if (entry.size > max) {
      return new ZipError('too-large', `expands to ${formatMiB(entry.size)}, more than the ${formatMiB(max)} an upload may expand to`, entry.name);
    }
    if (this.expanded + entry.size > max) {
      return new ZipError('too-large', `would take the archive's files past the ${formatMiB(max)} an upload may expand to`, entry.name);
    }
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > RATIO_GRACE_BYTES && ratio > this.limits.maxRatio) {
      return new ZipError('too-large', `is compressed ${Math.round(ratio)}:1, more than the ${this.limits.maxRatio}:1 allowed`, entry.name);
    }
    return undefined;
  }

  /**
   * Inflates `entry` in chunks of at most 64 KiB, handing each to `onChunk` (which may not keep
   * it beyond the call, and may throw to stop). Resolves with the bytes produced.
   */
  async inflate(entry: ZipEntry, onChunk: (chunk: Buffer) => void): Promise<number> {
    const data = this.compressedData(entry);
    if (entry.method === 0) {
      this.count(entry, data.length, data.length);
      if (data.length > 0) onChunk(data);
      return data.length;
    }
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    inflater.end(data);
    let produced = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        produced += chunk.length;
        this.count(entry, chunk.length, produced);
        onChunk(chunk);
      }
    } catch (err) {
      inflater.destroy();
      if (err instanceof ZipError || !isZlibError(err)) throw err;
      throw new ZipError('unreadable', 'has damaged compressed data', entry.name);
    }
    return produced;
  }

  /** The whole entry, inflated asynchronously; for entries that are needed whole. */
  async read(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const total = await this.inflate(entry, (c) => chunks.push(Buffer.from(c)));
    return Buffer.concat(chunks, total);
  }

  /**
   * The whole entry, inflated synchronously with the same checks; zlib is told to stop at the
   * declared size, so at most that much is ever allocated.
   */
  readSync(entry: ZipEntry): Buffer {
    const data = this.compressedData(entry);
    let out: Buffer;
    if (entry.method === 0) {
      out = data;
    } else {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw lie(entry);
        throw new ZipError('unreadable', 'has damaged compressed data', entry.name);
      }
    }
    this.count(entry, out.length, out.length);
    return out;
  }

  private compressedData(entry: ZipEntry): Buffer {
    const refused = this.refusal(entry);
    if (refused) throw refused;
    const buf = this.buf;
    const at = entry.localHeaderOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) {
      throw new ZipError('unreadable', 'is damaged (no local header)', entry.name);
    }
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > buf.length) throw new ZipError('unreadable', 'is cut short', entry.name);
    return buf.subarray(start, end);
  }

  /** Books `n` more bytes of `entry` (`produced` so far) against its declared size and the budget. */
  private count(entry: ZipEntry, n: number, produced: number): void {
    if (produced > entry.size) throw lie(entry);
    this.expanded += n;
    if (this.expanded > this.limits.maxExpandedBytes) {
      throw new ZipError('too-large', `takes the archive's files past the ${formatMiB(this.limits.maxExpandedBytes)} an upload may expand to`, entry.name);
    }
  }
}

function lie(entry: ZipEntry): ZipError {
  return new ZipError('too-large', `expands to more than the ${entry.size} bytes the archive's directory declares`, entry.name);
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 10 ? `${Math.round(mib)} MB` : `${Math.round(mib * 10) / 10} MB`;
}

function unreadable(reason: string): ZipError {
  return new ZipError('unreadable', reason);
}

function readDirectory(buf: Buffer, maxEntries: number): ZipEntry[] {
  const eocd = findEocd(buf);
  if (eocd < 0) throw unreadable('not a ZIP archive (no central directory)');
  let count = buf.readUInt16LE(eocd + 10);
  let dirSize = buf.readUInt32LE(eocd + 12);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === U16_MAX || dirSize === U32_MAX || dirOffset === U32_MAX) {
    const locator = eocd - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
      const record = u64(buf, locator + 8);
      if (record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_EOCD) throw unreadable('the archive is damaged (ZIP64 directory)');
      count = u64(buf, record + 32);
      dirSize = u64(buf, record + 40);
      dirOffset = u64(buf, record + 48);
    }
  }
  if (count > maxEntries) throw new ZipError('too-large', `the archive has ${count} files; at most ${maxEntries} are read`);
  if (dirOffset + dirSize > buf.length) throw unreadable('the archive is cut short (central directory)');

  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw unreadable('the archive is damaged (central directory)');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > buf.length) throw unreadable('the archive is damaged (central directory)');
    // Like fflate and most unzip tools: names without the UTF-8 flag are read byte for byte.
    const name = buf.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', nameStart, extraStart);
    if (size === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // ZIP64 extended information: only the fields whose 32-bit value is saturated, in this order.
      const z = findExtra(buf, extraStart, extraStart + extraLength, 0x0001);
      if (z !== undefined) {
        let q = z.start;
        const take = (): number => {
          if (q + 8 > z.end) throw unreadable('the archive is damaged (ZIP64 sizes)');
          const v = u64(buf, q);
          q += 8;
          return v;
        };
        if (size === U32_MAX) size = take();
        if (compressedSize === U32_MAX) compressedSize = take();
        if (localHeaderOffset === U32_MAX) localHeaderOffset = take();
      }
    }
    entries.push({ name, method, flags, compressedSize, size, localHeaderOffset });
    p = next;
  }
  return entries;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = buf.length - EOCD_SIZE; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function findExtra(buf: Buffer, start: number, end: number, id: number): { start: number; end: number } | undefined {
  let p = start;
  while (p + 4 <= end) {
    const header = buf.readUInt16LE(p);
    const length = buf.readUInt16LE(p + 2);
    if (header === id) return { start: p + 4, end: Math.min(end, p + 4 + length) };
    p += 4 + length;
  }
  return undefined;
}

/** A 64-bit size as a number; beyond 2^53 it is far past any limit anyway. */
function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}
