import { createHash } from 'node:crypto';

/**
 * The stored form of a client's idempotency key, bound to what it was sent with (a code, or a
 * school). Two respondents choosing the same key (a careless client) never collide, and the stored
 * value still does not lead back to the code: it needs the client's key, which is not kept.
 */
export function scopedIdempotencyKey(scope: string, key: string): string {
  return createHash('sha256').update(`${scope}\n${key}`).digest('hex');
}
