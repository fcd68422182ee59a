import { createHmac, hkdfSync } from 'node:crypto';

/**
 * HMAC-SHA-256 under a key derived from one configured secret, for one-time secrets that are checked
 * but never shown again (activation links, survey codes): a stolen table cannot be reversed offline
 * without the server's secret. `purpose` separates the keys of different uses.
 */
export class KeyedHash {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'aiedu-keyed-hash-v1', purpose, 32));
  }

  digest(value: string): Buffer {
    return createHmac('sha256', this.key).update(value, 'utf8').digest();
  }
}
