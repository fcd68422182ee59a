import { AppConfig } from './app-config';

describe('AppConfig.load', () => {
  it('applies the documented defaults', () => {
    const c = AppConfig.load({});
    expect(c).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/aiedu',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      uploadLimitBytes: 20 * 1024 * 1024,
      tokenSecretGenerated: true,
    });
    expect(c.tokenSecret).toHaveLength(64);
  });

  it('names every bad variable and what it got', () => {
    let message = '';
    try {
      AppConfig.load({ PORT: 'abc', DATABASE_URL: 'mysql://x', UPLOAD_LIMIT_MB: '0' });
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(message).toMatch(/PORT: .* \(got "abc"\)/);
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL \(got "mysql:\/\/x"\)/);
    expect(message).toMatch(/UPLOAD_LIMIT_MB: .* \(got "0"\)/);
  });

  it('requires token and badge-key secrets in production and refuses a short one anywhere', () => {
    expect(() => AppConfig.load({ NODE_ENV: 'production' })).toThrow(/TOKEN_SECRET: required when NODE_ENV=production/);
    expect(() => AppConfig.load({ TOKEN_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => AppConfig.load({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32) })).toThrow(/BADGE_KEY_SECRET: required/);
    expect(AppConfig.load({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32), BADGE_KEY_SECRET: 'y'.repeat(16) }).tokenSecretGenerated).toBe(false);
  });

  it('hash-tags the Redis key prefix and reads cluster seed nodes', () => {
    expect(AppConfig.load({})).toMatchObject({ redisKeyPrefix: '{aiedu}', redisClusterNodes: undefined });
    const c = AppConfig.load({ QUEUE_PREFIX: 'demo', REDIS_CLUSTER_NODES: 'redis-0.internal:6379,10.0.0.7:7001' });
    expect(c).toMatchObject({ redisKeyPrefix: '{demo}', redisClusterNodes: [{ host: 'redis-0.internal', port: 6379 }, { host: '10.0.0.7', port: 7001 }] });
    expect(() => AppConfig.load({ REDIS_CLUSTER_NODES: 'redis://a:6379' })).toThrow(/REDIS_CLUSTER_NODES must be host:port/);
  });
});
