import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { CommonErrorCode } from '../errors/error-code';

export interface RequestTimeouts {
  /** Headers, and any body that is not an upload, must have arrived within this. */
  requestMs: number;
  /** A multipart upload's body must have arrived within this. */
  uploadMs: number;
}

const isUpload = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * Node's own limits on the server: headers within `requestMs` (Node answers 408 and closes), and a
 * whole request within the upload limit, the longest any request may take.
 */
export function applyServerTimeouts(server: Server, t: RequestTimeouts): void {
  server.requestTimeout = Math.max(t.uploadMs, t.requestMs);
  server.headersTimeout = Math.min(t.requestMs, server.requestTimeout);
}

/**
 * Express middleware before the body parsers: a request body must arrive within its deadline
 * (uploads their own, longer one). A client that trickles a JSON body byte by byte gets a 408
 * `request_timeout` and the connection is closed, instead of holding a socket and a parser for ever.
 */
export function bodyDeadline(t: RequestTimeouts) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.complete) return next();
    const ms = isUpload(req) ? t.uploadMs : t.requestMs;
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (!res.headersSent) {
        res.setHeader('Connection', 'close');
        res.status(408).json({
          statusCode: 408,
          error: 'Request Timeout',
          code: CommonErrorCode.RequestTimeout,
          message: `The request body did not arrive within ${ms} ms`,
          requestId: (req as Request & { id?: string }).id,
        });
      }
      res.once('finish', () => req.socket.destroy());
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    req.once('close', clear);
    res.once('close', clear);
    next();
  };
}
