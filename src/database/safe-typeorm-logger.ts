import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeDatabaseError } from '../common/errors/safe-database-error';

/**
 * TypeORM's logger: failed queries are logged with their SQL text (placeholders only) and the
 * error's SQL state and constraint, NEVER their parameters (a failed user insert would otherwise
 * write the password hash to the log). Through Nest's logger, so pino's level and redaction apply.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query: query.slice(0, 500), error: safeDatabaseError(error) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: query.slice(0, 500), ms: time }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
