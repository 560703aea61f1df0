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

/** The API, the worker and the CLI: connected as the application's role (DATABASE_URL). Never `synchronize`. */
export function typeormOptions(config: AppConfig): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install (and the
    // application's role could not: it has no DDL).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    url: config.DATABASE_URL,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE },
    // Failed queries are logged without their parameters (SafeTypeOrmLogger): a bound value may be a password hash.
    logging: ['error', 'warn'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 5_000,
  };
}

/** A value for libpq's `options` (`-c name=value`): spaces and backslashes escaped with a backslash. */
function optionValue(value: string): string {
  return value.replace(/[\\ ]/g, (c) => `\\${c}`);
}

/**
 * The TypeORM CLI (migration:run / generate / revert): connected as the schema's owner
 * (MIGRATION_DATABASE_URL), with the application's role passed in a session setting so the
 * migrations can grant it what it needs and nothing more.
 */
export function migrationOptions(config: AppConfig): PostgresDataSourceOptions {
  const appRole = databaseRole(config.DATABASE_URL);
  return {
    ...typeormOptions(config),
    url: config.MIGRATION_DATABASE_URL,
    extra: { max: 2, ...(appRole ? { options: `-c ${APP_ROLE_SETTING}=${optionValue(appRole)}` } : {}) },
  };
}
