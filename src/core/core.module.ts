import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Request } from 'express';
import { AuditModule } from '../audit/audit.module';
import { CLOCK, Clock, SystemClock } from '../common/clock/clock';
import { RequestContextModule } from '../common/request-context/request-context.module';
import { ALL_ROUTES, apiPath, HEALTH_ROUTE } from '../common/http/api-paths';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { typeormOptions } from '../database/typeorm-options';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { QueueModule } from '../queue/queue.module';
import { RedisModule, type QueueRole } from '../redis/redis.module';
import type { RequestWithIds } from '../common/request-context/request-id.middleware';
import type { DestinationStream } from 'pino';
import type { Options as HttpLogOptions } from 'pino-http';

/** Secret fields by path (pino redact): credentials in headers, and passwords, tokens and hashes at any of the first levels of a logged object. */
const SECRET_FIELDS = ['password', 'adminPassword', 'currentPassword', 'newPassword', 'passwordHash', 'accessToken', 'token', 'refreshToken', 'secret', 'parameters'];
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export interface CoreOptions {
  config: AppConfig;
  /** Tests fix the clock; production uses the system clock. */
  clock?: Clock;
  /** The worker's queue connections retry for ever (BullMQ's workers need it); the API's and the CLI's fail fast. */
  queueRole?: QueueRole;
  /** Where logs go (tests capture them); standard output by default. */
  logDestination?: DestinationStream;
}

function httpLogOptions(config: AppConfig): HttpLogOptions {
  return {
    level: config.LOG_LEVEL,
    genReqId: (req) => (req as Request & { id?: string }).id ?? '',
    // Never log credentials: tokens, cookies, passwords, hashes (see REDACTED_LOG_PATHS).
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      // The status only: the response's dozen headers made each request's log line about four times
      // longer, all of it cloned for redaction, serialised and written (bench/api-overhead.bench.ts).
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => {
      const { id, clientRequestId } = req as RequestWithIds;
      return clientRequestId ? { requestId: id, clientRequestId } : { requestId: id };
    },
    // Health probes and the web pages' fingerprinted static files would only drown the log.
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith(apiPath(HEALTH_ROUTE)) || (req.url ?? '').startsWith('/assets/') },
  };
}

/** What both processes share: configuration, logs, request context, database, Redis, queues, audit, idempotency keys. */
@Module({})
export class CoreModule {
  static forRoot({ config, clock, logDestination, queueRole = 'producer' }: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        // The request context (nestjs-cls's ClsService), opened per request by configure-app.ts.
        RequestContextModule,
        LoggerModule.forRoot({
          forRoutes: [{ path: ALL_ROUTES, method: RequestMethod.ALL }],
          pinoHttp: logDestination ? [httpLogOptions(config), logDestination] : httpLogOptions(config),
        }),
        TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => typeormOptions(c) }),
        RedisModule,
        QueueModule.forRoot(queueRole),
        AuditModule,
        // Global: controllers in any process's modules (the CLI's included) may carry @Idempotent.
        IdempotencyModule,
      ],
      providers: [{ provide: CLOCK, useValue: clock ?? new SystemClock() }],
      exports: [CLOCK],
    };
  }
}
