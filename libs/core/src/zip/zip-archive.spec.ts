import { strToU8, zipSync } from 'fflate';
import { bombPart, buildZip, part, qtiZipBomb, xlsxBomb } from '../../../../test/support/zip-bombs';
import { RATIO_GRACE_BYTES, ZipArchive, ZipError } from './zip-archive';

const MiB = 1024 * 1024;
const LIMITS = { maxExpandedBytes: 200 * MiB, maxRatio: 100 };

async function inflated(archive: ZipArchive, name: string): Promise<{ bytes: number; chunks: number }> {
  let bytes = 0;
  let chunks = 0;
  await archive.inflate(archive.get(name)!, (c) => {
    bytes += c.length;
    chunks++;
  });
  return { bytes, chunks };
}

async function refusedWhileInflating(archive: ZipArchive, name: string): Promise<{ error: ZipError; handed: number }> {
  let handed = 0;
  try {
    await archive.inflate(archive.get(name)!, (c) => (handed += c.length));
  } catch (err) {
    expect(err).toBeInstanceOf(ZipError);
    return { error: err as ZipError, handed };
  }
  throw new Error('expected a ZipError');
}

describe('ZipArchive', () => {
  it('lists entries from the central directory and reads them, stored or deflated, whole or in chunks', async () => {
    const text = 'a'.repeat(300_000);
    const buf = Buffer.from(zipSync({ 'x/a.xml': strToU8(text), 'b.txt': [strToU8('stored'), { level: 0 }] }));
    const archive = ZipArchive.open(buf, LIMITS);
    expect(archive.entries.map((e) => [e.name, e.method, e.size])).toEqual([['x/a.xml', 8, 300_000], ['b.txt', 0, 6]]);
    expect((await archive.read(archive.get('x/a.xml')!)).toString()).toBe(text);
    expect(archive.readSync(archive.get('b.txt')!).toString()).toBe('stored');
    // Streamed in chunks of at most 64 KiB, never the whole entry at once.
    const { bytes, chunks } = await inflated(ZipArchive.open(buf, LIMITS), 'x/a.xml');
    expect(bytes).toBe(300_000);
    expect(chunks).toBeGreaterThanOrEqual(5);
    expect(archive.expandedBytes).toBe(300_006);
  });

  it('finds part names ignoring case, as OPC (XLSX) allows', () => {
    const archive = ZipArchive.open(Buffer.from(zipSync({ 'XL/Workbook.xml': strToU8('<w/>') })), LIMITS);
    expect(archive.get('xl/workbook.xml')?.name).toBe('XL/Workbook.xml');
  });

  it('refuses an entry whose declared size is over the limit before inflating anything', async () => {
    // 2 GB of sheet rows in about 7 MB, honestly declared.
    const buf = xlsxBomb(2048 * MiB);
    expect(buf.length).toBeLessThan(10 * MiB);
    const archive = ZipArchive.open(buf, LIMITS);
    const sheet = archive.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.size).toBeGreaterThan(2000 * MiB);
    expect(archive.refusal(sheet)).toMatchObject({ kind: 'too-large', reason: expect.stringMatching(/^expands to 20\d\d MB, more than the 200 MB an upload may expand to$/) });
    const { error, handed } = await refusedWhileInflating(archive, sheet.name);
    expect(error.kind).toBe('too-large');
    expect(handed).toBe(0);
    expect(() => archive.readSync(sheet)).toThrow(ZipError);
    expect(archive.expandedBytes).toBe(0);
  });

  it('refuses an entry over the compression ratio, but not a small one', async () => {
    // 50 MB of one repeated row: under the size limit, but compressed about 1000:1.
    const archive = ZipArchive.open(qtiZipBomb([{ name: 'r.xml', bytes: 50 * MiB }]), LIMITS);
    expect(archive.refusal(archive.get('r.xml')!)?.reason).toMatch(/^is compressed \d+:1, more than the 100:1 allowed$/);
    const small = ZipArchive.open(buildZip([part('r.xml', Buffer.alloc(RATIO_GRACE_BYTES, ' '), 9)]), LIMITS);
    expect(small.get('r.xml')!.size / small.get('r.xml')!.compressedSize).toBeGreaterThan(500);
    expect(small.refusal(small.get('r.xml')!)).toBeUndefined();
    expect((await inflated(small, 'r.xml')).bytes).toBe(small.get('r.xml')!.size);
  });

  it('stops an entry that inflates past its declared size, handing over no more than was declared', async () => {
    // Declares 1 MB (ratio 1:2, nothing to refuse up front) and inflates to 500 MB.
    const lying = buildZip([bombPart('sheet.xml', '<a>', '<b/>'.repeat(64), '</a>', 500 * MiB, 1 * MiB)]);
    const archive = ZipArchive.open(lying, LIMITS);
    const entry = archive.get('sheet.xml')!;
    expect(archive.refusal(entry)).toBeUndefined();
    const { error, handed } = await refusedWhileInflating(archive, 'sheet.xml');
    expect(error).toMatchObject({ kind: 'too-large', entry: 'sheet.xml', reason: `expands to more than the ${1 * MiB} bytes the archive's directory declares` });
    expect(handed).toBeLessThanOrEqual(1 * MiB);
    expect(archive.expandedBytes).toBeLessThanOrEqual(1 * MiB + 64 * 1024);
    // The synchronous reader is told to stop at the declared size too.
    expect(() => ZipArchive.open(lying, LIMITS).readSync(entry)).toThrow(/declares/);
  });

  it('counts every entry read against one budget per archive', async () => {
    const content = Buffer.alloc(700 * 1024, 'x');
    const buf = buildZip([part('a.xml', content), part('b.xml', content)]);
    const archive = ZipArchive.open(buf, { maxExpandedBytes: 1 * MiB, maxRatio: 100 });
    await inflated(archive, 'a.xml');
    expect(archive.refusal(archive.get('b.xml')!)?.reason).toMatch(/^would take the archive's files past the 1(\.0)? MB/);
    await expect(archive.read(archive.get('b.xml')!)).rejects.toThrow(ZipError);
  });

  it('reads ZIP64 sizes from the extra field', async () => {
    const content = Buffer.from('<zip64/>');
    const archive = ZipArchive.open(buildZip([{ ...part('a.xml', content), zip64: true }]), LIMITS);
    expect(archive.get('a.xml')).toMatchObject({ size: content.length });
    expect((await archive.read(archive.get('a.xml')!)).toString()).toBe('<zip64/>');
    // A ZIP64 size of 5 GB is refused like any other.
    const huge = ZipArchive.open(buildZip([{ ...part('b.xml', content), declaredSize: 5 * 1024 * MiB, zip64: true }]), LIMITS);
    expect(huge.refusal(huge.get('b.xml')!)?.kind).toBe('too-large');
  });

  it('calls damaged, truncated, encrypted and non-ZIP input unreadable', async () => {
    const kindOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as ZipError).kind;
      }
      return 'no error';
    };
    expect(kindOf(() => ZipArchive.open(Buffer.from('a,b\n1,2\n'), LIMITS))).toBe('unreadable');
    expect(kindOf(() => ZipArchive.open(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(40, 7)]), LIMITS))).toBe('unreadable');
    const good = buildZip([part('a.xml', 'x'.repeat(10_000))]);
    // Cut in the middle of the entry's data: the directory is gone.
    expect(kindOf(() => ZipArchive.open(good.subarray(0, 60), LIMITS))).toBe('unreadable');
    // Damaged deflate data.
    const damaged = Buffer.from(good);
    damaged.fill(0xff, 40, 50);
    await expect(ZipArchive.open(damaged, LIMITS).read(ZipArchive.open(damaged, LIMITS).get('a.xml')!)).rejects.toMatchObject({ kind: 'unreadable' });
    const encrypted = Buffer.from(good);
    encrypted.writeUInt16LE(0x801, encrypted.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 8);
    const archive = ZipArchive.open(encrypted, LIMITS);
    expect(archive.refusal(archive.get('a.xml')!)).toMatchObject({ kind: 'unreadable', reason: 'is encrypted' });
  });

  it('refuses an archive with more entries than allowed', () => {
    const many = buildZip(Array.from({ length: 30 }, (_, i) => part(`f${i}.xml`, '<a/>')));
    expect(() => ZipArchive.open(many, { ...LIMITS, maxEntries: 20 })).toThrow('the archive has 30 files; at most 20 are read');
  });
});
