import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { FileTooLargeError } from './file-too-large.error';
import { noteTransientBytes } from './transient-buffers';

export { FileTooLargeError } from './file-too-large.error';

export const DEFAULT_HEAD_BYTES = 8 * 1024;

export interface HashingStreamOptions {
  /** Error with `FileTooLargeError` as soon as more than this many bytes have arrived. */
  maxBytes?: number;
  /** How many leading bytes to keep for content sniffing (default 8 KiB). */
  headBytes?: number;
}

/**
 * Passes bytes through unchanged while counting them, hashing them (SHA-256) and keeping the
 * first few KiB, so an upload is measured, addressed and sniffed in the one pass that stores it.
 * `sha256` is available once the stream has ended (after `put` resolves, for a storage consumer).
 */
export class HashingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly maxBytes: number;
  private readonly headBytes: number;
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  private headCache: Buffer | null = null;
  private byteCount = 0;
  private digestHex: string | null = null;

  constructor(options: HashingStreamOptions = {}) {
    super();
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.headBytes = options.headBytes ?? DEFAULT_HEAD_BYTES;
    if (!(this.maxBytes >= 0) || !Number.isInteger(this.headBytes) || this.headBytes < 0) {
      throw new RangeError('maxBytes and headBytes must be non-negative');
    }
  }

  /** Bytes seen so far (including the chunk that broke the limit, if one did). */
  get bytes(): number {
    return this.byteCount;
  }

  /** Up to `headBytes` leading bytes. */
  get head(): Buffer {
    this.headCache ??= Buffer.concat(this.headChunks, this.headLength);
    return this.headCache;
  }

  /** Hex SHA-256 of everything that passed; throws if read before the stream finished. */
  get sha256(): string {
    if (this.digestHex === null) throw new Error('HashingStream: sha256 read before the stream ended');
    return this.digestHex;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.byteCount += chunk.length;
    if (this.byteCount > this.maxBytes) {
      callback(new FileTooLargeError(this.maxBytes));
      return;
    }
    if (this.headLength < this.headBytes) {
      // Copy, so the head does not pin a whole (possibly large) chunk in memory.
      const part = Buffer.from(chunk.subarray(0, this.headBytes - this.headLength));
      this.headChunks.push(part);
      this.headLength += part.length;
      this.headCache = null;
    }
    this.hash.update(chunk);
    // The chunk is garbage once stored: see transient-buffers.ts (why a scavenge every 16 MiB).
    noteTransientBytes(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digestHex = this.hash.digest('hex');
    callback();
  }
}
