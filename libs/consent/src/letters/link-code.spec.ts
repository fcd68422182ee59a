import { createHash } from 'node:crypto';
import { LinkCodeHash, newLinkCode } from './link-code';

describe('guardian link codes', () => {
  const links = new LinkCodeHash('a-server-secret-of-enough-length');

  it('are 12 characters without 0/O or 1/I/L, in threes of four', () => {
    const codes = Array.from({ length: 200 }, newLinkCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it('are the same code however they are typed, and hashed with the server secret', () => {
    const code = 'ABCD-EFGH-JKMN';
    for (const typed of ['abcd-efgh-jkmn', 'ABCDEFGHJKMN', ' abcd efgh jkmn ', 'AbCd-EfGh-JkMn']) expect(links.hash(typed)).toBe(links.hash(code));
    expect(links.hash(code)).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(links.hash(code)).not.toBe(new LinkCodeHash('another-server-secret-of-enough-length').hash(code));
    expect(links.hash('ABCD-EFGH-JKMP')).not.toBe(links.hash(code));
  });

  it('still finds the 128-bit links printed before codes were typeable, as they were stored', () => {
    const legacy = 'h0kwIuQzadonSY-1qybKXQ';
    expect(links.hash(legacy)).toBe(createHash('sha256').update(legacy).digest('hex'));
  });
});
