import { timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function hasMetricsToken(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
