import type { NextFunction, Request, Response } from 'express';

/**
 * A body-parser error, kept as one. Nest turns a JSON SyntaxError into a plain 400 before the
 * error filter sees it, losing what it was; this carries its `type` ('entity.parse.failed', ...)
 * and status through, so the filter can give it its code (malformed_json).
 */
export class BodyParserError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'BodyParserError';
  }
}

/** Express error middleware: goes right after the body parsers. */
export function keepBodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (err instanceof SyntaxError) {
    const { type, status } = err as SyntaxError & { type?: unknown; status?: unknown };
    if (typeof type === 'string' && typeof status === 'number') return next(new BodyParserError(err.message, type, status));
  }
  next(err);
}
