import { randomInt } from 'node:crypto';

/** No 0/O or 1/I/L: these codes are typed from paper. 31 characters, ≈4.95 bits each. */
export const TYPEABLE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A code as typed: spaces and hyphens ignored, any case. */
export const normalizeTypeableCode = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();

/** `length` random characters of the alphabet, in hyphen-separated groups of `group` (ABCDE-23456). */
export function newTypeableCode(length: number, group: number): string {
  let c = '';
  for (let i = 0; i < length; i++) c += TYPEABLE_ALPHABET[randomInt(TYPEABLE_ALPHABET.length)];
  return c.match(new RegExp(`.{1,${group}}`, 'g'))!.join('-');
}

/** Whether `code`, normalized, is `length` characters of the alphabet. */
export const isTypeableCode = (code: string, length: number): boolean => new RegExp(`^[${TYPEABLE_ALPHABET}]{${length}}$`).test(normalizeTypeableCode(code));
