import type { NextFunction, Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import pino, { type DestinationStream, type Logger } from 'pino';
import { apiPath, HEALTH_ROUTE } from '../common/http/api-paths';
import type { RequestContextStore, RequestInContext } from '../common/request-context/request-context';
import type { RequestWithIds } from '../common/request-context/request-id.middleware';
import type { AppConfig } from '../config/app-config';

/** Secret fields by path (pino redact): credentials in headers, and passwords, tokens and hashes at any of the first levels of a logged object. */
const SECRET_FIELDS = ['password', 'adminPassword', 'currentPassword', 'newPassword', 'passwordHash', 'accessToken', 'token', 'refreshToken', 'secret', 'parameters'];
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** A request as its log lines show it: never its headers or body. */
interface LoggedRequest {
  id: string;
  method: string;
  url: string;
}

const cls = ClsServiceManager.getClsService<RequestContextStore>();
const NO_BINDINGS = Object.freeze({});

/** The request as every line about it names it: the request (id, method, URL), our id and the client's (as pino-http's per-request child loggers did). */
function requestFields(req: RequestInContext): Record<string, unknown> {
  const { id = '', clientRequestId } = req;
  const logged: LoggedRequest = { id, method: req.method, url: req.originalUrl };
  return clientRequestId ? { req: logged, requestId: id, clientRequestId } : { req: logged, requestId: id };
}

/** What a line logged while a request runs carries about it: requestFields of the request in context. */
function requestBindings(mergeObject: object): object {
  // The request's own line (requestLogMiddleware) says all of it already.
  if ('req' in mergeObject) return NO_BINDINGS;
  const req = cls.isActive() ? cls.get('request') : undefined;
  return req ? requestFields(req) : NO_BINDINGS;
}

/**
 * The process's one logger (nestjs-pino's Logger writes through it, and so does Nest's `Logger`):
 * LOG_LEVEL, redaction of credentials (REDACTED_LOG_PATHS) and, on lines logged inside a request,
 * that request (`requestBindings`, from the request context) without a child logger per request.
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    // Never log credentials: tokens, cookies, passwords, hashes (see REDACTED_LOG_PATHS).
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    mixin: requestBindings,
    // The line's own fields after the request's (as a child logger's bindings came first); nothing to merge outside a request.
    mixinMergeStrategy: (mergeObject, mixinObject) => (mixinObject === NO_BINDINGS ? mergeObject : Object.assign(mixinObject, mergeObject)),
  };
  return destination ? pino(options, destination) : pino(options);
}

const HEALTH_PATH = apiPath(HEALTH_ROUTE);

/**
 * One line per request, written when its answer is finished (or the client went away): the request
 * (id, method, URL), our request id and the client's, the status and the time taken, in the fields
 * and words pino-http used (`request completed`, `request aborted`, `request errored` with an `err`
 * for a 5xx). Made here rather than by pino-http, which made two child loggers per request (each
 * serialising and redacting its bindings) and a third at the end: 12% of the API's CPU time
 * (bench/api-overhead.bench.ts). Health probes and the web pages' static files are not logged.
 */
export function requestLogMiddleware(logger: Logger) {
  // The line of an answered request has only the fields requestFields names, the status and the
  // time: none is a path REDACTED_LOG_PATHS names, so redaction (a walk of the line per path, 2-3% of
  // the API's CPU time) would never change it. A child without redaction writes it, to the same
  // destination; an errored request's line (with its `err`) still goes through the redacting logger.
  const unredacted = logger.child({}, { redact: [] });
  return function logRequest(req: RequestWithIds, res: Response, next: NextFunction): void {
    const url = req.originalUrl;
    if (!logger.isLevelEnabled('info') || url.startsWith(HEALTH_PATH) || url.startsWith('/assets/')) return next();
    const start = Date.now();
    let logged = false;
    const done = (err?: Error): void => {
      if (logged) return;
      logged = true;
      writeRequestLine(logger, unredacted, req, res, Date.now() - start, err);
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    next();
  };
}

function writeRequestLine(logger: Logger, unredacted: Logger, req: RequestWithIds & Request, res: Response, responseTime: number, err: Error | undefined): void {
  const line = requestFields(req);
  line.res = { statusCode: res.statusCode };
  if (err || res.statusCode >= 500) {
    line.err = err ?? new Error(`failed with status code ${res.statusCode}`);
    line.responseTime = responseTime;
    logger.info(line, 'request errored');
    return;
  }
  line.responseTime = responseTime;
  unredacted.info(line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
}
