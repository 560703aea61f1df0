import { isIP } from 'node:net';
import { z } from 'zod';
import { WORKER_QUEUES, type WorkerQueue } from '../queue/queues';
import { cronPatternProblem } from '../queue/schedule-times';

/**
 * The one typed configuration. Nothing else reads process.env: both entry points, the CLI,
 * the migration data source and the tests call `loadConfig`, which fails with a message naming
 * every missing or malformed variable.
 */
const DEV_JWT_SECRET = 'dev-only-secret-change-me-dev-only-secret';
/**
 * Two database roles (README, "Database roles"): the application connects as a role with DML
 * only, migrations as the role that owns the schema. The passwords are for a local development
 * cluster only (`scripts/services.sh` creates both roles with them).
 */
const DEV_DATABASE_URL = 'postgres://tracker_app:dev-only-tracker-app@127.0.0.1:5432/improvement_tracker';
const DEV_MIGRATION_DATABASE_URL = 'postgres://tracker_owner:dev-only-tracker-owner@127.0.0.1:5432/improvement_tracker';
const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-dev-only';

/** Express's names for the private ranges, or an IPv4/IPv6 address with an optional /prefix. */
const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyEntry = (v: string): boolean => {
  if (PROXY_PRESETS.includes(v)) return true;
  const [address, prefix, ...rest] = v.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/** A comma-separated list's entries, trimmed, empty ones left out. */
const commaList = (v: string): string[] => v.split(',').map((e) => e.trim()).filter(Boolean);

/**
 * `TRUST_PROXY`: the reverse proxies whose X-Forwarded-For/-Proto are believed, as a comma-separated
 * list of addresses, subnets or express's presets. Unset or `none`: no proxy is trusted, so the
 * client address is the socket's and a forged X-Forwarded-For changes nothing.
 */
const trustProxy = z
  .string()
  .transform((v) => (v.trim().toLowerCase() === 'none' ? [] : commaList(v)))
  .refine((list) => list.every(isProxyEntry), 'must be none, or a comma-separated list of IP addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal');
/**
 * `WORKER_QUEUES`: the queues a worker process consumes, comma-separated (unset: all). A worker
 * loads only those queues' modules, so workers can be scaled per queue: the nightly RAG's apart from
 * the packs' renderers. Every worker runs the maintenance queue as well.
 */
const workerQueues = z
  .string()
  .transform((v) => [...new Set(commaList(v).map((e) => e.toLowerCase()))])
  .refine((list) => list.length > 0 && list.every((q) => (WORKER_QUEUES as readonly string[]).includes(q)), `must be a comma-separated list of ${WORKER_QUEUES.join(', ')} (unset: all)`)
  .transform((list) => list as WorkerQueue[]);
const DEV_UNSUBSCRIBE_SECRET = 'dev-only-unsubscribe-secret-change-me-dev-only';

/** "Improvement tracker <noreply@council.gov.uk>" or a bare address. */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** Milliseconds from `min` to `max`, or 0: off. */
const msOrOff = (min: number, max: number) => int(0, max).refine((v) => v === 0 || v >= min, `must be 0 (off) or at least ${min}`);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting ${protocols.map((p) => `${p}//`).join(' or ')}`);

/**
 * A job scheduler's cron pattern (Europe/London), checked at start as BullMQ will read it: a typo
 * would otherwise surface only when the worker registers the schedule, or never (the reconciler).
 */
const cronPattern = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((v, ctx) => {
      const problem = cronPatternProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `must be a cron pattern such as ${fallback} (${problem})` });
    });
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: int(1, 65535).default(3000),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default(DEV_DATABASE_URL),
    MIGRATION_DATABASE_URL: url(['postgres:', 'postgresql:']).default(DEV_MIGRATION_DATABASE_URL),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    // The API's database sessions only (typeormOptions; the worker's and the CLI's have none). Past
    // each, PostgreSQL gives up and the request answers 503 database_timeout; 0 turns one off. The
    // defaults, from measurements at 100,000 actions, are explained in README (Hardening, "Database timeouts").
    /** One statement, its waits for locks included (the slowest API statement measured: the admin's reminder scan's INSERT, 2.1-3.6 s). */
    DATABASE_STATEMENT_TIMEOUT_MS: msOrOff(100, 10 * 60_000).default(30_000),
    /** One wait for a row or advisory lock another transaction holds (a 5,000-row import commit holds its plan's actions for 2-3 s). */
    DATABASE_LOCK_TIMEOUT_MS: msOrOff(100, 10 * 60_000).default(10_000),
    /** A transaction left idle this long is ended and its locks released (the longest idle moment measured in an API transaction: 2.3 s, the scan's). */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: msOrOff(1000, 60 * 60_000).default(60_000),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    /** Unset: `it:<database name>` (see queuePrefixFor), so deployments sharing a Redis never share queues. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i, 'letters, digits, : _ - only').optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_EXPIRES_IN_SECONDS: int(60, 7 * 24 * 3600).default(8 * 3600),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Headers and any non-upload body must arrive within this (408 request_timeout after). */
    REQUEST_TIMEOUT_MS: int(100, 10 * 60_000).default(30_000),
    /** An evidence upload's body must arrive within this (25 MB over a slow council VPN). */
    UPLOAD_TIMEOUT_MS: int(1000, 6 * 3600_000).default(30 * 60_000),
    BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'like 1mb or 512kb').default('1mb'),
    LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 10000).default(10),
    EVIDENCE_MAX_BYTES: int(1, 2 ** 40).default(25 * 1024 * 1024),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: url(['http:', 'https:']).optional(),
    S3_REGION: z.string().default('eu-west-2'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.default(true),
    CLAMAV_HOST: z.string().optional(),
    CLAMAV_PORT: int(1, 65535).default(3310),
    /**
     * When the nightly RAG recompute runs (cron, Europe/London). Checked here: the reconciler reads it
     * on every worker (to catch up a lost night), not only the worker that schedules it.
     */
    RAG_NIGHTLY_CRON: cronPattern('0 2 * * *'),
    WORKER_QUEUES: workerQueues.default([...WORKER_QUEUES]),
    /**
     * On SIGTERM or SIGINT the worker takes no new job and waits this long for its active ones to
     * finish before it closes its connections and exits. Keep it below the stop timeout of what runs
     * the worker (docker-compose.yml's stop_grace_period of 30 s; Kubernetes' default 30 s) by at least
     * the 5 s the teardown after it may take (WORKER_TEARDOWN_MS, src/queue/worker-shutdown.ts). Past
     * it the worker exits at once, and BullMQ's stall detection hands the unfinished jobs to another worker.
     */
    WORKER_SHUTDOWN_GRACE_MS: int(0, 3600_000).default(25_000),
    /** How often the worker's reconciler makes Redis agree with PostgreSQL (lost pack and import jobs, missing schedules, a lost nightly RAG run). */
    RECONCILE_INTERVAL_SECONDS: int(1, 24 * 3600).default(300),
    /** How often the worker sweeps orphans (staged uploads, unreferenced objects, expired idempotency keys). */
    SWEEP_INTERVAL_MINUTES: int(1, 7 * 24 * 60).default(60),
    /** A staged upload (`tmp/`, `.partial/`, an unfinished multipart upload) older than this is a dead upload's and is removed. */
    ORPHAN_UPLOAD_AGE_MINUTES: int(1, 7 * 24 * 60).default(60),
    /** A stored object no row refers to is removed once it is older than this. */
    ORPHAN_OBJECT_AGE_HOURS: int(1, 365 * 24).default(24),
    /** The OpenAPI UI and JSON; unset: on in development and test, off in production. */
    OPENAPI_ENABLED: bool.optional(),
    TRUST_PROXY: trustProxy.default([]),
    WEB_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_SESSION_SECRET),
    WEB_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
    WEB_SESSION_ABSOLUTE_HOURS: int(1, 7 * 24).default(12),
    WEB_CONTACT_EMAIL: z.email().optional(),
    // E-mail (src/notifications). No SMTP_HOST: mail is disabled, the outbox is still written.
    SMTP_HOST: z.string().optional(),
    /** Defaults to 465 with SMTP_SECURE, else 587 (see smtpPort). */
    SMTP_PORT: int(1, 65535).optional(),
    /** Implicit TLS from the first byte (port 465). */
    SMTP_SECURE: bool.default(false),
    /** Refuse to send unless the server upgrades the connection with STARTTLS (ignored with SMTP_SECURE). */
    SMTP_REQUIRE_TLS: bool.default(true),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().regex(MAIL_ADDRESS, 'like "Improvement tracker <noreply@council.gov.uk>" or a bare address').optional(),
    /** Simultaneous SMTP connections per worker. */
    MAIL_MAX_CONNECTIONS: int(1, 50).default(4),
    /** Deliveries of one message before it stays failed (reported on the dashboard). */
    MAIL_MAX_ATTEMPTS: int(1, 50).default(10),
    /** First retry delay; each later one doubles (capped at 6 hours). */
    MAIL_RETRY_BASE_SECONDS: int(1, 24 * 3600).default(60),
    /** Where people open the service; links in e-mails start with it. */
    PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
    /** Signs one-click unsubscribe links (HMAC-SHA256). */
    UNSUBSCRIBE_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_UNSUBSCRIBE_SECRET),
    /** When the daily reminder scan runs (cron, Europe/London): due, overdue, update due, digests. */
    NOTIFICATIONS_SCAN_CRON: cronPattern('0 6 * * *'),
    /** Owners are asked for a progress update from this many working days before the board's papers deadline. */
    UPDATE_DUE_WORKING_DAYS: int(0, 40).default(5),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production (the development default is refused)' });
    }
    if (c.NODE_ENV === 'production' && c.DATABASE_URL === DEV_DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must be set in production (the development default is refused)' });
    }
    if (c.NODE_ENV === 'production' && c.WEB_SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['WEB_SESSION_SECRET'], message: 'must be set in production (the development default is refused)' });
    }
    // With mail off too: the public unsubscribe endpoint still takes tokens, and a preference
    // switched off by a token forged with the published default would stay off once mail is on.
    if (c.NODE_ENV === 'production' && c.UNSUBSCRIBE_SECRET === DEV_UNSUBSCRIBE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['UNSUBSCRIBE_SECRET'], message: 'must be set in production (the development default is refused)' });
    }
    // PostgreSQL's advice: a lock timeout at or above the statement timeout never fires (the statement's fires first).
    if (c.DATABASE_LOCK_TIMEOUT_MS > 0 && c.DATABASE_STATEMENT_TIMEOUT_MS > 0 && c.DATABASE_LOCK_TIMEOUT_MS >= c.DATABASE_STATEMENT_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_LOCK_TIMEOUT_MS'], message: 'must be shorter than DATABASE_STATEMENT_TIMEOUT_MS (or one of them 0, off)' });
    }
    if (c.WEB_SESSION_IDLE_MINUTES > c.WEB_SESSION_ABSOLUTE_HOURS * 60) {
      ctx.addIssue({ code: 'custom', path: ['WEB_SESSION_IDLE_MINUTES'], message: 'must not be longer than WEB_SESSION_ABSOLUTE_HOURS' });
    }
    if (c.SMTP_HOST) {
      if (!c.MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_HOST is set (the From address of every e-mail)' });
      if (c.NODE_ENV === 'production' && !c.PUBLIC_BASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required in production when SMTP_HOST is set (links in e-mails start with it)' });
      }
    } else {
      for (const key of ['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD'] as const) {
        if (c[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is set but SMTP_HOST is not: set SMTP_HOST too, or unset it' });
      }
    }
    if (c.SMTP_USER && !c.SMTP_PASSWORD) ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'is required when SMTP_USER is set' });
    if (c.SMTP_PASSWORD && !c.SMTP_USER) ctx.addIssue({ code: 'custom', path: ['SMTP_USER'], message: 'is required when SMTP_PASSWORD is set' });
    if (c.STORAGE_DRIVER === 's3') {
      for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when STORAGE_DRIVER=s3' });
      }
    }
  })
  .transform((c) => ({ ...c, OPENAPI_ENABLED: c.OPENAPI_ENABLED ?? c.NODE_ENV !== 'production', QUEUE_PREFIX: c.QUEUE_PREFIX ?? queuePrefixFor(c.DATABASE_URL) }));

export type AppConfig = z.infer<typeof schema>;

/**
 * The default Redis key prefix of a deployment: `it:` and the name of its database (characters
 * other than letters, digits, `_` and `-` become `_`). Two deployments on different databases and
 * one Redis then have their own queues, workers, heartbeat and login counters; deployments whose
 * databases share a name on different servers must set QUEUE_PREFIX.
 */
export function queuePrefixFor(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres';
  return `it:${name.replace(/[^a-z0-9_-]/gi, '_')}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** The role a PostgreSQL URL logs in as (its user name), or null when the URL names none. */
export function databaseRole(databaseUrl: string): string | null {
  const user = decodeURIComponent(new URL(databaseUrl).username);
  return user === '' ? null : user;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The SMTP port in use: SMTP_PORT, else 465 for implicit TLS and 587 for submission with STARTTLS. */
export function smtpPort(config: AppConfig): number {
  return config.SMTP_PORT ?? (config.SMTP_SECURE ? 465 : 587);
}

/** Where links in e-mails point: PUBLIC_BASE_URL without a trailing slash, else this API on localhost. */
export function publicBaseUrl(config: AppConfig): string {
  return (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
