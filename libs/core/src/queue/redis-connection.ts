import type { RedisOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';

/** What a connection to Redis is made from (AppConfig's fields). */
export interface RedisTarget {
  redisUrl: string;
  /** Set: a Redis Cluster reached through these seed nodes, with REDIS_URL's credentials and TLS. */
  redisClusterNodes?: { host: string; port: number }[];
}

/** The app's own client (rate limits, health) or BullMQ's: a single Redis or a cluster. */
export type RedisClient = Redis | Cluster;

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

/**
 * A cluster client: REDIS_URL gives the credentials and TLS of every node (a cluster has database 0 only).
 * `client` settings go to each node's connection, `cluster` ones to the cluster client itself.
 */
function clusterClient(target: RedisTarget, client: { maxRetriesPerRequest: number | null }, cluster: { enableOfflineQueue?: boolean } = {}): Cluster {
  const { host: _host, port: _port, db: _db, ...nodeOptions } = redisConnectionOptions(target.redisUrl);
  return new Cluster(target.redisClusterNodes!, {
    ...cluster,
    enableReadyCheck: true,
    // Managed clusters over TLS announce node addresses that the certificate may not name: connect by the name given.
    ...(nodeOptions.tls && { dnsLookup: (address: string, callback: (err: Error | null, address: string) => void) => callback(null, address) }),
    // Keep trying to reach the cluster (as the single-node client does), at most every 5 s.
    clusterRetryStrategy: (times: number) => Math.min(200 * times, 5_000),
    redisOptions: { ...nodeOptions, maxRetriesPerRequest: client.maxRetriesPerRequest },
  });
}

/**
 * What BullMQ connects with: connection options for a single Redis (each Queue and Worker opens
 * its own connection), or, for a cluster, one Cluster client the Queues share and Workers
 * duplicate (BullMQ does not build a cluster from options). The caller closes a Cluster it got.
 */
export function queueConnection(target: RedisTarget): RedisOptions | Cluster {
  if (!target.redisClusterNodes?.length) return redisConnectionOptions(target.redisUrl);
  return clusterClient(target, { maxRetriesPerRequest: null });
}

/**
 * The app's own client for rate limits and health. No offline queue: while Redis is away, calls fail
 * at once (and rate limits let requests through) instead of holding every request until reconnection.
 */
export function appRedisClient(target: RedisTarget): RedisClient {
  if (!target.redisClusterNodes?.length) {
    return new Redis({ ...redisConnectionOptions(target.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false });
  }
  return clusterClient(target, { maxRetriesPerRequest: 1 }, { enableOfflineQueue: false });
}
