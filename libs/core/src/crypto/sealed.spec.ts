import { Sealer } from './sealed';

describe('Sealer', () => {
  const sealer = new Sealer('a-secret-of-enough-length', 'survey-codes');

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = sealer.seal('ABCDE-FGHJK');
    expect(sealer.open(a)).toBe('ABCDE-FGHJK');
    expect(sealer.seal('ABCDE-FGHJK')).not.toBe(a);
    expect(a).not.toContain('ABCDE');
  });

  it('refuses another purpose, another secret and a changed ciphertext', () => {
    const sealed = sealer.seal('[1,2,3]');
    expect(() => new Sealer('a-secret-of-enough-length', 'other').open(sealed)).toThrow();
    expect(() => new Sealer('another-secret-entirely!', 'survey-codes').open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    expect(() => sealer.open(parts.join('.'))).toThrow();
    expect(() => sealer.open('garbage')).toThrow('not a sealed value');
  });
});
