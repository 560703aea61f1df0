import type { NextFunction, Request, Response } from 'express';
import { AppException, FieldProblem } from '../errors/app.exception';
import { CommonErrorCode } from '../errors/error-code';

/**
 * Deepest nesting of objects and arrays a request body or query may have. Our deepest DTO is two
 * levels; class-transformer recurses once per level, so a 100,000-deep body would overflow its stack.
 */
export const MAX_INPUT_DEPTH = 32;

/** Why a piece of text is refused, or null when it is fine. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  // A high surrogate not followed by a low one, or a low one not preceded by a high one.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    return 'must not contain an unpaired UTF-16 surrogate';
  }
  return null;
}

export type HostileInput = { kind: 'too_deep'; field: string } | { kind: 'text'; field: string; message: string };

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * The first thing in a parsed body or query that must never reach validation or the database:
 * nesting deeper than `maxDepth`, or text (a value or a key) with a NUL byte or a lone surrogate.
 * Iterative, so a hostile depth cannot overflow the stack here either.
 */
export function findHostileInput(root: unknown, rootName: string, maxDepth = MAX_INPUT_DEPTH): HostileInput | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const message = textProblem(value);
      if (message) return { kind: 'text', field: path || rootName, message };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'too_deep', field: path || rootName };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: join(path, i), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { kind: 'text', field: join(path, key), message: `field name ${keyProblem}` };
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

export function hostileInputException(found: HostileInput, maxDepth = MAX_INPUT_DEPTH): AppException {
  if (found.kind === 'too_deep') {
    const message = `nested more than ${maxDepth} levels deep`;
    return new AppException(400, CommonErrorCode.NestingTooDeep, `${found.field}: ${message}`, [{ field: found.field, messages: [message] } satisfies FieldProblem]);
  }
  return new AppException(400, CommonErrorCode.InvalidText, `${found.field}: ${found.message}`, [
    { field: found.field, messages: [found.message] } satisfies FieldProblem,
  ]);
}

/**
 * Express middleware, right after the body parsers: refuses hostile bodies and query strings on
 * every route (API and web, with a DTO or without) before class-transformer or PostgreSQL see them.
 * Text is refused, not stripped: silently changing what someone typed is worse than saying no.
 */
export function refuseHostileInput(req: Request, _res: Response, next: NextFunction): void {
  const found = findHostileInput(req.body, 'body') ?? findHostileInput(req.query, 'query');
  if (found) return next(hostileInputException(found));
  next();
}
