import { createHash } from 'node:crypto';
import { isTypeableCode, KeyedHash, newTypeableCode, normalizeTypeableCode } from '@app/core';

/** 12 characters of 31 ≈ 59 bits, as ABCD-EFGH-JKMN: typed from a paper slip when the QR code can't be scanned. */
const LENGTH = 12;

export const newLinkCode = (): string => newTypeableCode(LENGTH, 4);

/**
 * A guardian link's stored form. A typeable code (any case, with or without hyphens) is kept as an HMAC
 * under the server's secret, since ~59 bits could be searched offline from a copy of the table; a
 * 128-bit link token of the slips made before codes were typeable stays a plain SHA-256.
 */
export class LinkCodeHash {
  private readonly keyed: KeyedHash;

  constructor(secret: string) {
    this.keyed = new KeyedHash(secret, 'consent-link');
  }

  hash(token: string): string {
    return isTypeableCode(token, LENGTH) ? this.keyed.digest(normalizeTypeableCode(token)).toString('hex') : createHash('sha256').update(token).digest('hex');
  }
}
