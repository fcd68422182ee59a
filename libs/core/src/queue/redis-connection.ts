import type { RedisOptions } from 'bullmq';

/**
 * Connection settings from REDIS_URL, shared by BullMQ and the plain ioredis client.
 * BullMQ requires maxRetriesPerRequest: null on worker connections (blocking commands).
 */
export function redisConnectionOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
