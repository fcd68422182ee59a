import { isPdf } from './attachment-storage';
import { minimalPdf } from './minimal-pdf';

describe('isPdf', () => {
  it('accepts a well-formed PDF', () => {
    expect(isPdf(minimalPdf())).toBe(true);
  });

  it('refuses an executable that starts with %PDF-, and files that only look like PDFs at one end', () => {
    const exe = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('MZ\x90\x00'), Buffer.alloc(4096, 0x41), Buffer.from('\n%%EOF\n')]);
    expect(isPdf(exe)).toBe(false);
    expect(isPdf(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))).toBe(false);
    const pdf = minimalPdf();
    expect(isPdf(pdf.subarray(0, pdf.length - 20))).toBe(false); // truncated
    expect(isPdf(Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999'), 'latin1'))).toBe(false); // offset outside
    expect(isPdf(Buffer.from(pdf.toString('latin1').replace(/startxref\n(\d+)/, (_, n) => `startxref\n${Number(n) + 3}`), 'latin1'))).toBe(false); // offset not at xref
    expect(isPdf(Buffer.from(`%PDF-x${pdf.toString('latin1').slice(6)}`, 'latin1'))).toBe(false);
  });
});
