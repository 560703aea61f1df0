import { randomUUID } from 'node:crypto';
import { Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import {
  assertValidKey,
  assertValidRange,
  ByteRange,
  ObjectStorage,
  PutOptions,
  StorageException,
  StorageExceptionCode,
  StoredObjectInfo,
} from './object-storage';

/** Partial writes live here, inside the root so that `rename` stays on one filesystem (atomic). */
/** How much of an upload may wait in memory while the previous batch is being written. */
const MAX_PENDING_BYTES = 1024 * 1024;
/** ... or this many chunks (a body of tiny chunks would otherwise make one enormous writev). */
const MAX_PENDING_CHUNKS = 1024;
/**
 * Every this many bytes written, an fdatasync starts beside the writes (one at a time), so the disk
 * flushes a large upload while the rest of it arrives and the fdatasync at the end, which the answer
 * waits for, has only the last few MiB left: 100 MB, load 12-20, 15 uploads each way, the end's
 * flush took a median 13 ms instead of 62 ms. Smaller files than this are synced once, at the end.
 */
export const EARLY_SYNC_BYTES = 16 * 1024 * 1024;
const PARTIAL_DIR = '.partial';

/**
 * Objects as files under one root directory: `<root>/<key>`. A write goes to
 * `<root>/.partial/<uuid>`, is fdatasynced, then renamed into place, so a reader (or a crash) never
 * sees half a file. Key validation forbids leading dots, so no key can reach `.partial/`.
 *
 * Unlike S3, a key cannot be both an object and a prefix of another (`a/b` and `a/b/c`); the
 * server's own keys (`sha256/ab/cd/<hex>`, `tmp/<uuid>`) never do that.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
  }

  async put(key: string, body: Readable, _opts?: PutOptions): Promise<void> {
    const target = this.pathFor(key);
    const partialDir = path.join(this.rootDir, PARTIAL_DIR);
    const partial = path.join(partialDir, randomUUID());
    await this.io('prepare directories for', key, async () => {
      await fs.mkdir(partialDir, { recursive: true });
      await fs.mkdir(path.dirname(target), { recursive: true });
    });

    const handle = await this.io('create', key, () => fs.open(partial, 'wx', 0o640));
    let bodyFailed = false;
    // Writes are pipelined: while one batch is on its way to disk, the next chunks are read (up to
    // MAX_PENDING_BYTES), so parsing and hashing the upload overlap the disk instead of waiting for it.
    // Memory stays bounded at about two batches; past that, reading waits for the disk (back-pressure).
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const disk: { writing: Promise<void> | null; syncing: Promise<void> | null; unsynced: number; error: Error | null } = {
      writing: null,
      syncing: null,
      unsynced: 0,
      error: null,
    };
    const noteError = (err: unknown): void => {
      disk.error ??= err instanceof Error ? err : new Error(String(err));
    };
    // An early fdatasync covers what has been written so far; the writes go on beside it.
    const startSync = (): void => {
      disk.unsynced = 0;
      disk.syncing = handle
        .datasync()
        .catch(noteError)
        .finally(() => {
          disk.syncing = null;
        });
    };
    const startWrite = (): void => {
      const batch = pending;
      const bytes = pendingBytes;
      pending = [];
      pendingBytes = 0;
      disk.writing = writeAll(handle, batch)
        .then(() => {
          disk.unsynced += bytes;
          if (disk.unsynced >= EARLY_SYNC_BYTES && !disk.syncing) startSync();
        })
        .catch(noteError)
        .finally(() => {
          disk.writing = null;
        });
    };
    const settleWrite = async (): Promise<void> => {
      if (disk.writing) await disk.writing;
      if (disk.error) throw disk.error;
    };
    // A write's completion may start a sync, so the writes are settled first.
    const settleDisk = async (): Promise<void> => {
      if (disk.writing) await disk.writing;
      if (disk.syncing) await disk.syncing;
      if (disk.error) throw disk.error;
    };
    try {
      const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
      for (;;) {
        let next: IteratorResult<Buffer | string>;
        try {
          next = await chunks.next();
        } catch (err) {
          bodyFailed = true;
          throw err;
        }
        if (next.done) break;
        pending.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
        pendingBytes += pending[pending.length - 1].length;
        if (disk.writing && (pendingBytes >= MAX_PENDING_BYTES || pending.length >= MAX_PENDING_CHUNKS)) await settleWrite();
        if (disk.error) throw disk.error;
        if (!disk.writing) startWrite();
      }
      await settleWrite();
      if (pending.length > 0) {
        startWrite();
        await settleWrite();
      }
      await settleDisk();
      // The fdatasync at the end, after any early one (the file is new, so its size is flushed with
      // the data); the directory is synced after the rename below.
      await handle.datasync();
      await handle.close();
    } catch (err) {
      body.destroy();
      // Never close the file under a write or sync still in flight.
      await settleDisk().catch(() => undefined);
      await handle.close().catch(() => undefined);
      await fs.rm(partial, { force: true }).catch(() => undefined);
      if (bodyFailed) throw err;
      throw this.backendFailure('write', key, err);
    }

    try {
      await fs.rename(partial, target);
    } catch (err) {
      await fs.rm(partial, { force: true }).catch(() => undefined);
      throw this.backendFailure('write', key, err);
    }
    await this.io('sync the directory of', key, () => syncDirectory(path.dirname(target)));
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathFor(key);
    if (range) assertValidRange(range);
    // Open first, then stat the open handle: no window for the file to change between the two.
    const handle = await fs.open(file, 'r').catch((err: unknown) => {
      if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR')) throw notFound(key);
      throw this.backendFailure('read', key, err);
    });
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw notFound(key);
      if (!range) return handle.createReadStream();
      if (range.start >= info.size) {
        throw new StorageException(
          `Range starts at ${range.start}, beyond the ${info.size}-byte object ${key}`,
          StorageExceptionCode.RANGE_NOT_SATISFIABLE,
        );
      }
      return handle.createReadStream({ start: range.start, end: Math.min(range.end, info.size - 1) });
    } catch (err) {
      await handle.close().catch(() => undefined);
      if (err instanceof StorageException) throw err;
      throw this.backendFailure('read', key, err);
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    const file = this.pathFor(key);
    try {
      const info = await fs.stat(file);
      return info.isFile() ? { size: info.size } : null;
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return null;
      throw this.backendFailure('stat', key, err);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    const file = this.pathFor(key);
    try {
      await fs.unlink(file);
    } catch (err) {
      // A directory at the key is a prefix of other keys, not an object: nothing to delete.
      if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR', 'EPERM') && !(await this.exists(key))) return;
      throw this.backendFailure('delete', key, err);
    }
  }

  async move(fromKey: string, toKey: string): Promise<void> {
    const from = this.pathFor(fromKey);
    const to = this.pathFor(toKey);
    if (from === to) {
      if (!(await this.exists(fromKey))) throw notFound(fromKey);
      return;
    }
    if (await this.exists(toKey)) {
      await this.delete(fromKey);
      return;
    }
    if (!(await this.exists(fromKey))) throw notFound(fromKey);
    await this.io('move', fromKey, async () => {
      await fs.mkdir(path.dirname(to), { recursive: true });
      // Two moves racing to one content key both succeed: rename replaces atomically, and the content is identical.
      await fs.rename(from, to);
      await syncDirectory(path.dirname(to));
    });
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    const dir = path.resolve(this.rootDir, ...prefix.split('/').filter(Boolean));
    if (!dir.startsWith(this.rootDir + path.sep)) throw new StorageException(`Prefix ${prefix} resolves outside the storage root`, StorageExceptionCode.INVALID_KEY);
    yield* this.walk(dir);
  }

  async removeStalePartials(olderThan: Date): Promise<string[]> {
    const dir = path.join(this.rootDir, PARTIAL_DIR);
    const removed: string[] = [];
    for await (const entry of this.walk(dir)) {
      if (entry.lastModified >= olderThan) continue;
      await fs.rm(path.join(dir, ...entry.key.split('/')), { force: true });
      removed.push(`${PARTIAL_DIR}/${entry.key}`);
    }
    return removed;
  }

  /** Files under `dir`, with keys relative to the storage root (or to `dir` itself for `.partial/`). */
  private async *walk(dir: string): AsyncIterable<StoredObjectInfo> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return;
      throw this.backendFailure('list', dir, err);
    }
    const base = dir.startsWith(path.join(this.rootDir, PARTIAL_DIR)) ? path.join(this.rootDir, PARTIAL_DIR) : this.rootDir;
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full);
      } else if (entry.isFile()) {
        const stat = await fs.stat(full).catch(() => null);
        if (stat) yield { key: path.relative(base, full).split(path.sep).join('/'), lastModified: stat.mtime };
      }
    }
  }

  /** Absolute path for a key, checked to stay under the root even if validation were bypassed. */
  private pathFor(key: string): string {
    assertValidKey(key);
    const full = path.resolve(this.rootDir, ...key.split('/'));
    if (!full.startsWith(this.rootDir + path.sep)) {
      throw new StorageException(`Key ${key} resolves outside the storage root`, StorageExceptionCode.INVALID_KEY);
    }
    return full;
  }

  private async io<T>(action: string, key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StorageException) throw err;
      throw this.backendFailure(action, key, err);
    }
  }

  private backendFailure(action: string, key: string, cause: unknown): StorageException {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new StorageException(`Local storage could not ${action} ${key}: ${detail}`, StorageExceptionCode.BACKEND_FAILURE, { cause });
  }
}

function notFound(key: string): StorageException {
  return new StorageException(`No object at ${key}`, StorageExceptionCode.NOT_FOUND);
}

function isErrno(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}

/** Writes every byte of `buffers` (a write may be short, e.g. when interrupted), in order. */
async function writeAll(handle: fs.FileHandle, buffers: Buffer[]): Promise<void> {
  let remaining = buffers;
  while (remaining.length > 0) {
    const { bytesWritten } = await handle.writev(remaining);
    if (bytesWritten === 0 && remaining.some((b) => b.length > 0)) throw new Error('the disk accepted no bytes');
    remaining = dropBytes(remaining, bytesWritten);
  }
}

function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let skip = count;
  let index = 0;
  while (index < buffers.length && skip >= buffers[index].length) {
    skip -= buffers[index].length;
    index++;
  }
  const rest = buffers.slice(index);
  if (rest.length > 0 && skip > 0) rest[0] = rest[0].subarray(skip);
  return rest;
}

/** fsync the directory so a rename into it survives a power cut, not just the file's bytes. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) and filesystems cannot open or fsync a directory; the rename itself succeeded.
    if (!isErrno(err, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP')) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
