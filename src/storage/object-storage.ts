import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { StorageException, StorageExceptionCode } from './storage.exception';

export { StorageException, StorageExceptionCode } from './storage.exception';

export interface PutOptions {
  contentType?: string;
  /** Expected size in bytes, if known; used to size multipart parts, never trusted as a limit. */
  sizeHint?: number;
}

/** Inclusive byte offsets, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where evidence files live. Keys are always chosen by the server (see `contentKey`, `tempKey`);
 * user-supplied names never reach a key.
 *
 * Error contract, the same for every implementation:
 * - a key outside the naming scheme: `StorageException(INVALID_KEY)`, before any I/O;
 * - `get` of a missing object: `StorageException(NOT_FOUND)`; a range starting past the end:
 *   `RANGE_NOT_SATISFIABLE` (an end past the end is clamped, as HTTP does);
 * - if the `put` body stream fails (for example `FileTooLargeError` from `HashingStream`), `put`
 *   rejects with that same error after removing anything partial, so callers can tell a bad
 *   upload from a storage failure; storage failures are `StorageException(BACKEND_FAILURE)`.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Streams `body` to `key`, replacing any object there. Resolves once the object is durable. */
  put(key: string, body: Readable, opts?: PutOptions): Promise<void>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  stat(key: string): Promise<{ size: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  /**
   * Promotes a temporary object to its final key. If `toKey` already exists (the same content was
   * uploaded before), the temporary object is deleted instead: content keys make that dedup safe.
   * Retrying after a success is a no-op, so job handlers can call it again.
   */
  move(fromKey: string, toKey: string): Promise<void>;
  /** Every object whose key starts with `prefix` (a folder such as `tmp/`), in no particular order. */
  list(prefix: string): AsyncIterable<StoredObjectInfo>;
  /**
   * Removes writes a killed process left half done, started before `olderThan`: the local driver's
   * `.partial/` files, S3's incomplete multipart uploads. Returns what was removed (names, not keys).
   */
  removeStalePartials(olderThan: Date): Promise<string[]>;
}

/** One stored object, as the orphan sweeper sees it. */
export interface StoredObjectInfo {
  key: string;
  lastModified: Date;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_KEY_LENGTH = 512;
// Keys are ours, so a narrow alphabet costs nothing and keeps them safe as file paths on every OS
// and as S3 keys without encoding surprises.
const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** `sha256/ab/cd/<64 hex>`: the same content always lands on the same key, so it is stored once. */
export function contentKey(sha256Hex: string): string {
  const hex = sha256Hex.toLowerCase();
  if (!SHA256_HEX.test(hex)) {
    throw new StorageException('contentKey needs a SHA-256 digest as 64 hex characters', StorageExceptionCode.INVALID_KEY);
  }
  return `sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
}

/** A fresh key for an upload in progress, before its digest is known. */
export function tempKey(): string {
  return `tmp/${randomUUID()}`;
}

/**
 * Throws unless `key` is a relative, slash-separated path of plain segments: no `..` or `.`,
 * no absolute path or drive letter, no backslash, NUL or other control character, no empty
 * segment, and no segment starting with a dot (the local driver keeps its own files under `.partial/`).
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new StorageException(`Invalid storage key ${JSON.stringify(key.slice(0, 100))}: ${problem}`, StorageExceptionCode.INVALID_KEY);
  }
}

function keyProblem(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return 'too long';
  // Named checks first so the message says what was wrong.
  if (key.includes('\0')) return 'contains NUL';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(key)) return 'drive letter';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty segment';
    if (segment === '.' || segment === '..') return 'dot segment';
    if (!KEY_SEGMENT.test(segment)) return `segment ${JSON.stringify(segment.slice(0, 40))} has characters outside A-Z a-z 0-9 . _ - or starts with a dot`;
  }
  return null;
}

export function assertValidRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new StorageException(`Invalid byte range ${start}-${end}`, StorageExceptionCode.INVALID_RANGE);
  }
}
