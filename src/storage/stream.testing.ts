import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** Test helpers for streams: sources that arrive in pieces, fail midway, or count what was pulled. */

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `data` in chunks of `chunkSize`, like a network upload. */
export function chunked(data: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += chunkSize) yield data.subarray(at, at + chunkSize);
    })(),
  );
}

/**
 * Yields `bytesBeforeFailure` bytes, then waits (so consumers get to act on them) and errors. The wait
 * is `delayMs`, or until the promise of `waitFor` settles: a condition to wait for, where a fixed
 * delay would be a guess that fails on a slow machine.
 */
export function failingSource(bytesBeforeFailure: number, error: Error, delayMs: number | (() => Promise<unknown>) = 0, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (async function* () {
      for (let sent = 0; sent < bytesBeforeFailure; sent += chunkSize) {
        yield randomBytes(Math.min(chunkSize, bytesBeforeFailure - sent));
      }
      if (typeof delayMs === 'function') await delayMs();
      else if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      throw error;
    })(),
  );
}

/** A source of `total` bytes that records how many it has handed out, to prove a consumer stopped early. */
export function countingSource(total: number, chunkSize = 64 * 1024): { stream: Readable; produced: () => number } {
  let produced = 0;
  const stream = Readable.from(
    (function* () {
      while (produced < total) {
        const size = Math.min(chunkSize, total - produced);
        produced += size;
        yield Buffer.alloc(size, 0x61);
      }
    })(),
  );
  return { stream, produced: () => produced };
}
