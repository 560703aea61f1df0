import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER } from './core/core.module';
import { requestLogMiddleware } from './core/request-log';
import { DOCS_JSON_PATH, DOCS_PATH } from './common/http/api-paths';
import { AppConfig } from './config/app-config';
import { requestContextMiddleware, requestIdMiddleware } from './common/request-context/request-id.middleware';
import { keepBodyParserErrors } from './common/errors/body-parser-errors';
import { applyServerTimeouts, bodyDeadline } from './common/http/body-deadline';
import { refuseHostileInput } from './common/validation/hostile-input';
import { createValidationPipe } from './common/validation/validation.pipe';
import { buildOpenApiDocument } from './openapi-document';
import { configureWeb } from './web/configure-web';
import { webSecurityHeaders } from './web/common/security/web-security';
import { isApiPath } from './web/common/web-paths';

/**
 * HTTP set-up shared by the real entry point and the integration tests, so tests see what users see.
 * The API lives under `/api/v1` (its modules are mounted there by AppModule's RouterModule); the
 * web pages everywhere else (see `configureWeb`).
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  // X-Forwarded-For/-Proto count only from the proxies TRUST_PROXY names; none by default.
  app.set('trust proxy', config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false);
  app.disable('x-powered-by');
  // No ETag made by hashing every body that res.send sends (a SHA-1 of the list's 30 KB: 0.1-0.26 ms per
  // request, bench/api-overhead.bench.ts): API answers and web pages are all `Cache-Control: no-store`,
  // so none is ever revalidated. Evidence and pack downloads set their own (the file's SHA-256).
  app.set('etag', false);
  app.use(requestIdMiddleware);
  // The API answers JSON and files only: nothing may run, load or frame (helmet's defaults, then stricter).
  const apiHeaders = staticHeaders(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] } },
    }),
  );
  // The OpenAPI UI, and only it, needs inline scripts and styles.
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  const webHeaders = webSecurityHeaders();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isDocsPath(req.path)) return docsHeaders(req, res, next);
    if (!isApiPath(req.path)) return webHeaders(req, res, next);
    // API answers may carry personal data or a token: no cache keeps them unless a route says otherwise (evidence downloads revalidate by ETag).
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of apiHeaders.set) res.setHeader(name, value);
    for (const name of apiHeaders.removed) res.removeHeader(name);
    return next();
  });
  const timeouts = { requestMs: config.REQUEST_TIMEOUT_MS, uploadMs: config.UPLOAD_TIMEOUT_MS };
  applyServerTimeouts(app.getHttpServer(), timeouts);
  app.use(bodyDeadline(timeouts));
  app.use(express.json({ limit: config.BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: config.BODY_LIMIT }));
  app.use(keepBodyParserErrors);
  app.use(refuseHostileInput);
  configureWeb(app);
  // After the body parsers and the session: their callbacks would lose a context opened earlier.
  app.use(requestContextMiddleware);
  // One line per request when it is answered (where pino-http's middleware was: after all of the above).
  app.use(requestLogMiddleware(app.get<PinoLogger>(ROOT_LOGGER)));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.OPENAPI_ENABLED) setUpOpenApi(app);
  return app;
}

type HeaderValue = string | number | readonly string[];

/**
 * The headers a helmet middleware sets, taken once: with no per-request directive (no nonce), they
 * are the same for every request, so the API's answers get them from this list rather than through
 * helmet's dozen middlewares per request (bench/api-overhead.bench.ts).
 */
function staticHeaders(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): { set: [string, HeaderValue][]; removed: string[] } {
  const set: [string, HeaderValue][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: HeaderValue) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let called = false;
  middleware({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet refused its own options');
    called = true;
  });
  if (!called) throw new Error('helmet did not finish synchronously: its headers cannot be taken once');
  return { set, removed };
}

function isDocsPath(path: string): boolean {
  return path === `/${DOCS_PATH}` || path.startsWith(`/${DOCS_PATH}/`) || path === `/${DOCS_JSON_PATH}`;
}

function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    swaggerOptions: { persistAuthorization: true },
  });
}
