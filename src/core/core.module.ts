import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '../audit/audit.module';
import { CLOCK, Clock, SystemClock } from '../common/clock/clock';
import { RequestContextModule } from '../common/request-context/request-context.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { typeormOptions, type DatabaseClient } from '../database/typeorm-options';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { QueueModule } from '../queue/queue.module';
import { RedisModule, type QueueRole } from '../redis/redis.module';
import type { DestinationStream } from 'pino';
import { createRootLogger } from './request-log';

/** The process's pino logger (request-log.ts): configure-app.ts writes each request's line with it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export interface CoreOptions {
  config: AppConfig;
  /** Tests fix the clock; production uses the system clock. */
  clock?: Clock;
  /** The worker's queue connections retry for ever (BullMQ's workers need it); the API's and the CLI's fail fast. */
  queueRole?: QueueRole;
  /** The API's database sessions carry its statement, lock and idle-in-transaction timeouts; the worker's and the CLI's none (typeormOptions). */
  databaseClient: DatabaseClient;
  /** Where logs go (tests capture them); standard output by default. */
  logDestination?: DestinationStream;
}

/** What the API's and the worker's modules are given: each decides its own database client and queue role. */
export type ProcessOptions = Omit<CoreOptions, 'databaseClient' | 'queueRole'>;

/** What both processes share: configuration, logs, request context, database, Redis, queues, audit, idempotency keys. */
@Module({})
export class CoreModule {
  static forRoot({ config, clock, logDestination, queueRole = 'producer', databaseClient }: CoreOptions): DynamicModule {
    const rootLogger = createRootLogger(config, logDestination);
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        // The request context (nestjs-cls's ClsService), opened per request by configure-app.ts.
        RequestContextModule,
        // One logger for the process (request-log.ts); nestjs-pino only hands it to Nest's Logger. Its
        // per-request middleware is mounted nowhere: the request context says which request a line is
        // from, and configure-app.ts mounts the one line per request (requestLogMiddleware).
        LoggerModule.forRoot({ pinoHttp: { logger: rootLogger }, useExisting: true, forRoutes: [] }),
        TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => typeormOptions(c, databaseClient) }),
        RedisModule,
        QueueModule.forRoot(queueRole),
        AuditModule,
        // Global: controllers in any process's modules (the CLI's included) may carry @Idempotent.
        IdempotencyModule,
      ],
      providers: [
        { provide: CLOCK, useValue: clock ?? new SystemClock() },
        { provide: ROOT_LOGGER, useValue: rootLogger },
      ],
      exports: [CLOCK, ROOT_LOGGER],
    };
  }
}
