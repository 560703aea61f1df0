import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContextStore } from './request-context';

/** What a client's own X-Request-Id may look like to be kept (and logged) at all. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export type RequestWithIds = Request & { id?: string; clientRequestId?: string };

/**
 * One request id per request, always made here (a client could otherwise forge or collide ids in
 * our logs and error bodies); echoed as X-Request-Id. A client's own X-Request-Id is kept only as
 * `clientRequestId` (logged beside ours, for correlating with their logs) when it is short and
 * made of safe characters; otherwise it is ignored.
 */
export function requestIdMiddleware(req: RequestWithIds, res: Response, next: NextFunction): void {
  req.id = randomUUID();
  const incoming = req.header('x-request-id');
  if (incoming && CLIENT_REQUEST_ID.test(incoming)) req.clientRequestId = incoming;
  res.setHeader('X-Request-Id', req.id);
  next();
}

const cls = ClsServiceManager.getClsService<RequestContextStore>();

/**
 * Runs the rest of the request in its own context (ClsService: the user, for the audit trail),
 * holding its request id. Mounted after the body parsers and the web pages' session middleware,
 * whose callbacks would not carry a context opened before them.
 */
export function requestContextMiddleware(req: RequestWithIds, _res: Response, next: NextFunction): void {
  cls.run(() => {
    cls.set('requestId', req.id);
    cls.set('request', req);
    next();
  });
}
