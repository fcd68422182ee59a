import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { flattenValidationErrors } from '../http/validation';
import { projectRoot } from './project-root';
import { appDatabaseUrl } from '../database/db-roles';

/** Raw environment as it arrives; every variable has its default here and only here. */
class EnvVars {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/aiedu';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_APP_URL must be a postgres:// URL' })
  DATABASE_APP_URL?: string;

  @IsOptional()
  @IsString()
  DATABASE_APP_PASSWORD?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_REPLICA_URL must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  // Seed nodes of a Redis Cluster (or a managed Valkey/Redis cluster): host:port,host:port. Credentials and TLS still come from REDIS_URL.
  @IsOptional()
  @Matches(/^[^\s,:/]+:\d{1,5}(,[^\s,:/]+:\d{1,5})*$/, { message: 'REDIS_CLUSTER_NODES must be host:port[,host:port…]' })
  REDIS_CLUSTER_NODES?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'TOKEN_SECRET must be at least 32 characters' })
  TOKEN_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  TOKEN_TTL_SECONDS: number = 8 * 3600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  UPLOAD_LIMIT_MB: number = 20;

  // Literacy results as CSV are read as a stream (never whole), so they may be far larger.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4096)
  RESULTS_UPLOAD_LIMIT_MB: number = 512;

  // Uploaded archives (XLSX, QTI ZIP): total uncompressed size, compression ratio of an entry
  // over 1 MiB, and file parses at once per process (libs/core/src/http/upload-limits.ts).
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4096)
  UPLOAD_MAX_EXPANDED_MB: number = 200;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(1000)
  UPLOAD_MAX_RATIO: number = 200;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32)
  UPLOAD_PARSE_CONCURRENCY: number = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE: number = 10;

  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX: string = 'aiedu';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS: number = 15 * 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SURVEY_CODE_MAX_FAILURES: number = 50;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  JOB_LOCK_SECONDS: number = 30;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @IsIn(['postgres', 'dir'])
  FILE_STORE: string = 'postgres';

  @IsOptional()
  @IsString()
  ATTACHMENT_DIR?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://aiedu.sen.go.kr' })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'BADGE_KEY_SECRET must be at least 16 characters' })
  BADGE_KEY_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OIDC_ISSUER_URL must be the identity provider\'s http(s) issuer URL' })
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OIDC_REDIRECT_URI must be an http(s) URL ending in /api/v1/auth/oidc/callback' })
  OIDC_REDIRECT_URI?: string;

  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'OIDC_ACCOUNT_CLAIM must be a claim name' })
  OIDC_ACCOUNT_CLAIM: string = 'email';

  @IsIn(['on', 'off'])
  PASSWORD_LOGIN: string = 'on';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT: number = 9464;

  @Matches(/^(false|true|\d{1,2}|[\d.:/a-f, ]+)$/i, { message: 'TRUST_PROXY must be false, true, a hop count or a comma-separated list of proxy addresses' })
  TRUST_PROXY: string = 'false';

  // A download of personal data about more people than this asks for a reason, kept in the access log.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PRIVACY_REASON_THRESHOLD: number = 1000;

  // The monthly access review flags an account that read more distinct students than this in the month.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PRIVACY_REVIEW_MANY_SUBJECTS: number = 500;
}

export class ConfigError extends Error {}

/** Validated, typed configuration shared by api, worker and cli. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  /** The database as its owner sees it: migrations, and creating the database. */
  readonly databaseUrl!: string;
  /** What api, worker and cli read and write rows with: the app role, without rights on structure. */
  readonly appDatabaseUrl!: string;
  /** Set on the app role by `npm run migrate` when given (DATABASE_APP_PASSWORD). */
  readonly appDatabasePassword?: string;
  /**
   * A streaming replica of the database (DATABASE_REPLICA_URL, logged in as the app role): reports and
   * lists that may lag a moment read from it (ReadReplica); undefined reads everything from the primary.
   */
  readonly replicaDatabaseUrl?: string;
  readonly redisUrl!: string;
  /** Redis Cluster seed nodes (REDIS_CLUSTER_NODES); undefined for a single Redis at REDIS_URL. */
  readonly redisClusterNodes?: { host: string; port: number }[];
  readonly port!: number;
  readonly tokenSecret!: string;
  readonly tokenSecretGenerated!: boolean;
  readonly tokenTtlSeconds!: number;
  readonly uploadLimitBytes!: number;
  /** Streamed CSV uploads of literacy results (RESULTS_UPLOAD_LIMIT_MB). */
  readonly resultsUploadLimitBytes!: number;
  /** Uploaded archives: most bytes they may inflate to, largest ratio of an entry, parses at once. */
  readonly uploadMaxExpandedBytes!: number;
  readonly uploadMaxCompressionRatio!: number;
  readonly uploadParseConcurrency!: number;
  readonly dbPoolSize!: number;
  readonly queuePrefix!: string;
  /**
   * `{QUEUE_PREFIX}`: the start of every Redis key of ours (BullMQ's prefix, rate limits). The braces
   * are a cluster hash tag, so all keys share one slot and multi-key scripts work on a Redis Cluster.
   */
  readonly redisKeyPrefix!: string;
  readonly logLevel!: string;
  readonly loginMaxFailures!: number;
  readonly loginWindowSeconds!: number;
  /** Wrong survey codes per client address per LOGIN_WINDOW_SECONDS before 429 (a class may share one address). */
  readonly surveyCodeMaxFailures!: number;
  /**
   * How long a worker's hold on a job lasts without renewal; a worker that dies is noticed after
   * about this long and its job runs again elsewhere.
   */
  readonly jobLockSeconds!: number;
  readonly webDistDir?: string;
  /** Where uploaded documents (designation applications) are kept: PostgreSQL (default), or files under attachmentDir. */
  readonly fileStore!: 'postgres' | 'dir';
  /** The directory of the `dir` file store (ATTACHMENT_DIR); unused with the PostgreSQL store. */
  readonly attachmentDir!: string;
  /** The address people reach the product at; badge, issuer and status list URLs are built from it. */
  readonly publicBaseUrl!: string;
  /** Encrypts the badge signing key at rest. */
  readonly badgeKeySecret!: string;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe for the client address (login rate limits). */
  readonly trustProxy!: boolean | number | string;
  /** Sign-in with the office's identity provider (OpenID Connect); undefined when not configured. */
  readonly oidc?: { issuerUrl: string; clientId: string; clientSecret?: string; redirectUri: string; accountClaim: string };
  /** Whether email + password login is offered (it can be turned off once everyone signs in through the provider). */
  readonly passwordLogin!: boolean;
  /** Bearer token for the Prometheus endpoints (api /api/metrics, worker :WORKER_METRICS_PORT/metrics); metrics are off without it. */
  readonly metricsToken?: string;
  readonly workerMetricsPort!: number;
  /** A personal-data download about more subjects than this needs a `reason` (kept in the access log). */
  readonly privacyReasonThreshold!: number;
  /** The monthly access review flags an account that read more distinct students than this in the month. */
  readonly privacyReviewManySubjects!: number;

  static load(source: NodeJS.ProcessEnv = process.env): AppConfig {
    const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
    const vars = plainToInstance(EnvVars, present, { excludeExtraneousValues: false });
    const errors = validateSync(vars, { whitelist: false, stopAtFirstError: true });
    const problems = flattenValidationErrors(errors).map((d) => `${d.field}: ${d.reason} (got ${JSON.stringify(source[d.field])})`);
    if (vars.NODE_ENV === 'production' && !vars.TOKEN_SECRET) {
      problems.push('TOKEN_SECRET: required when NODE_ENV=production (at least 32 characters)');
    }
    if (vars.NODE_ENV === 'production' && !vars.BADGE_KEY_SECRET) {
      problems.push('BADGE_KEY_SECRET: required when NODE_ENV=production (it encrypts the badge signing key)');
    }
    const oidcSet = [vars.OIDC_ISSUER_URL, vars.OIDC_CLIENT_ID, vars.OIDC_REDIRECT_URI];
    if (oidcSet.some(Boolean) && !oidcSet.every(Boolean)) {
      problems.push('OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_REDIRECT_URI: set all three to enable sign-in with the identity provider, or none');
    }
    if (vars.PASSWORD_LOGIN === 'off' && !oidcSet.every(Boolean)) {
      problems.push('PASSWORD_LOGIN: off needs the identity provider configured (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_REDIRECT_URI), or nobody could sign in');
    }
    if (problems.length) throw new ConfigError(`Invalid environment:\n  - ${problems.join('\n  - ')}`);

    return Object.assign(new AppConfig(), {
      env: vars.NODE_ENV,
      databaseUrl: vars.DATABASE_URL,
      appDatabaseUrl: appDatabaseUrl(vars.DATABASE_URL, vars.DATABASE_APP_URL, vars.DATABASE_APP_PASSWORD),
      appDatabasePassword: vars.DATABASE_APP_PASSWORD,
      replicaDatabaseUrl: vars.DATABASE_REPLICA_URL,
      redisUrl: vars.REDIS_URL,
      redisClusterNodes: vars.REDIS_CLUSTER_NODES?.split(',').map((n) => ({ host: n.slice(0, n.lastIndexOf(':')), port: Number(n.slice(n.lastIndexOf(':') + 1)) })),
      port: vars.PORT,
      // A generated secret keeps a demo usable with no setup; tokens then die with the process.
      tokenSecret: vars.TOKEN_SECRET ?? randomBytes(32).toString('hex'),
      tokenSecretGenerated: !vars.TOKEN_SECRET,
      tokenTtlSeconds: vars.TOKEN_TTL_SECONDS,
      uploadLimitBytes: vars.UPLOAD_LIMIT_MB * 1024 * 1024,
      resultsUploadLimitBytes: vars.RESULTS_UPLOAD_LIMIT_MB * 1024 * 1024,
      uploadMaxExpandedBytes: vars.UPLOAD_MAX_EXPANDED_MB * 1024 * 1024,
      uploadMaxCompressionRatio: vars.UPLOAD_MAX_RATIO,
      uploadParseConcurrency: vars.UPLOAD_PARSE_CONCURRENCY,
      dbPoolSize: vars.DB_POOL_SIZE,
      queuePrefix: vars.QUEUE_PREFIX,
      redisKeyPrefix: `{${vars.QUEUE_PREFIX}}`,
      logLevel: vars.LOG_LEVEL,
      loginMaxFailures: vars.LOGIN_MAX_FAILURES,
      loginWindowSeconds: vars.LOGIN_WINDOW_SECONDS,
      surveyCodeMaxFailures: vars.SURVEY_CODE_MAX_FAILURES,
      jobLockSeconds: vars.JOB_LOCK_SECONDS,
      webDistDir: vars.WEB_DIST_DIR,
      trustProxy: parseTrustProxy(vars.TRUST_PROXY),
      oidc: vars.OIDC_ISSUER_URL && vars.OIDC_CLIENT_ID && vars.OIDC_REDIRECT_URI
        ? { issuerUrl: vars.OIDC_ISSUER_URL, clientId: vars.OIDC_CLIENT_ID, clientSecret: vars.OIDC_CLIENT_SECRET, redirectUri: vars.OIDC_REDIRECT_URI, accountClaim: vars.OIDC_ACCOUNT_CLAIM }
        : undefined,
      passwordLogin: vars.PASSWORD_LOGIN === 'on',
      metricsToken: vars.METRICS_TOKEN,
      workerMetricsPort: vars.WORKER_METRICS_PORT,
      privacyReasonThreshold: vars.PRIVACY_REASON_THRESHOLD,
      privacyReviewManySubjects: vars.PRIVACY_REVIEW_MANY_SUBJECTS,
      fileStore: vars.FILE_STORE as 'postgres' | 'dir',
      attachmentDir: vars.ATTACHMENT_DIR ?? join(projectRoot(), 'var', 'attachments'),
      publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${vars.PORT}`).replace(/\/$/, ''),
      // Outside production a fixed development secret keeps demo badges verifiable across restarts.
      badgeKeySecret: vars.BADGE_KEY_SECRET ?? 'development-only-badge-key-secret',
    });
  }
}

function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}
