/** What to send for a `Range` header, per RFC 9110 section 14. */
export type RangeDecision =
  /** No usable range: send the whole file with 200 (also for several ranges, which we do not serve as multipart). */
  | { kind: 'whole' }
  /** One satisfiable range, inclusive offsets, already clamped to the file: send 206. */
  | { kind: 'partial'; start: number; end: number }
  /** A well-formed range that lies wholly beyond the file: send 416 with `Content-Range: bytes * /size`. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

/**
 * `bytes=start-end`, `bytes=start-` (to the end) and `bytes=-n` (the last n bytes). Anything we do
 * not understand is ignored (the whole file is sent), as the RFC allows; only a range that cannot
 * be satisfied is an error.
 */
export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'whole' };

  if (first === '') {
    const suffix = toOffset(last);
    if (suffix === null) return { kind: 'whole' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = toOffset(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : toOffset(last);
  if (start === null || end === null || end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

function toOffset(digits: string): number | null {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * `If-None-Match` against our strong ETag: true when the client's copy is current (answer 304).
 * Weak comparison, as the RFC asks for this header; `*` matches any existing file.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
