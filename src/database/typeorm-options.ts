import { join } from 'node:path';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { AppConfig, databaseRole } from '../config/app-config';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The session setting through which migrations learn the application's role (the user of
 * DATABASE_URL), to grant it DML on the tables they create. Read with
 * `current_setting('tracker.app_role', true)`.
 */
export const APP_ROLE_SETTING = 'tracker.app_role';

/**
 * Whose connections these are. `api`: the API process, whose statements answer a person waiting on
 * a page, so each session carries DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_LOCK_TIMEOUT_MS and
 * DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS. `worker`: the worker and the CLI, with none of them: the
 * RAG recompute's chunk writes and the import commit are long set-based statements that wait for
 * each other's locks by design, and the recompute's two cursors sit idle in their transactions while
 * the chunk they read is evaluated and written on other connections (RagFactsRepository.streamFacts);
 * the import commit compares the file in Node inside its transaction.
 */
export type DatabaseClient = 'api' | 'worker';

/** The API, the worker and the CLI: connected as the application's role (DATABASE_URL). Never `synchronize`. */
export function typeormOptions(config: AppConfig, client: DatabaseClient): PostgresDataSourceOptions {
  const { url, options } = withSessionOptions(config.DATABASE_URL, client === 'api' ? apiSessionOptions(config) : '');
  return {
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install (and the
    // application's role could not: it has no DDL).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    url,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE, ...(options ? { options } : {}) },
    // Failed queries are logged without their parameters (SafeTypeOrmLogger): a bound value may be a password hash.
    logging: ['error', 'warn'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 5_000,
  };
}

/**
 * The connection string and the `options` to connect with. pg lets an `options` parameter of the URL
 * replace the `options` given beside it, which would drop ours (the API's timeouts, the migrations'
 * role) without a word; so one in the URL is taken out of it and sent first, ours after (for the
 * same setting, the later `-c` wins).
 */
export function withSessionOptions(connectionString: string, ours: string): { url: string; options: string } {
  const parsed = new URL(connectionString);
  const fromUrl = parsed.searchParams.get('options');
  if (fromUrl === null) return { url: connectionString, options: ours };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options: [fromUrl, ours].filter((o) => o !== '').join(' ') };
}

/** A value for libpq's `options` (`-c name=value`): spaces and backslashes escaped with a backslash. */
function optionValue(value: string): string {
  return value.replace(/[\\ ]/g, (c) => `\\${c}`);
}

/**
 * The API's session settings, as libpq's `options` (sent in the startup packet, so every pooled
 * connection has them from its first statement); a setting of 0 is left out (PostgreSQL's default: off).
 */
function apiSessionOptions(config: AppConfig): string {
  const settings: [string, number][] = [
    ['statement_timeout', config.DATABASE_STATEMENT_TIMEOUT_MS],
    ['lock_timeout', config.DATABASE_LOCK_TIMEOUT_MS],
    ['idle_in_transaction_session_timeout', config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS],
  ];
  return settings
    .filter(([, ms]) => ms > 0)
    .map(([name, ms]) => `-c ${name}=${ms}`)
    .join(' ');
}

/**
 * The TypeORM CLI (migration:run / generate / revert): connected as the schema's owner
 * (MIGRATION_DATABASE_URL), with the application's role passed in a session setting so the
 * migrations can grant it what it needs and nothing more.
 */
export function migrationOptions(config: AppConfig): PostgresDataSourceOptions {
  const appRole = databaseRole(config.DATABASE_URL);
  const { url, options } = withSessionOptions(config.MIGRATION_DATABASE_URL, appRole ? `-c ${APP_ROLE_SETTING}=${optionValue(appRole)}` : '');
  return {
    // No session timeouts (`extra` below is the migrations' own): a migration may rewrite a large table.
    ...typeormOptions(config, 'worker'),
    url,
    extra: { max: 2, ...(options ? { options } : {}) },
  };
}
