import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportException } from '../imports.exception';

/**
 * Where an import file's bytes come from: a buffer, a file on disk, or a stored object. `open` may
 * be called more than once (the type is judged from the first bytes, then the file is read, and a
 * CSV that turns out not to be UTF-8 is read again as Windows-1252).
 */
export interface ImportFileInput {
  /** The name the user gave the file: used in messages only, never to decide what the file is. */
  fileName?: string;
  /** The size in bytes when known: a file over the limit is then refused before any reading. */
  size?: number;
  open(): AsyncIterable<Buffer | Uint8Array | string>;
}

export function importInputFromBuffer(buffer: Buffer, fileName?: string): ImportFileInput {
  return {
    fileName,
    size: buffer.length,
    // Handed out in 64 KiB slices, as a stream would, so both paths are exercised the same way.
    open: async function* () {
      for (let at = 0; at < buffer.length; at += 65_536) yield buffer.subarray(at, Math.min(at + 65_536, buffer.length));
    },
  };
}

export async function importInputFromFile(path: string, fileName: string = basename(path)): Promise<ImportFileInput> {
  const { size } = await stat(path);
  return { fileName, size, open: () => createReadStream(path, { highWaterMark: 65_536 }) };
}

function asBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Refuses a file whose known size is over the limit, before anything is read. */
export function assertSizeWithinLimit(input: ImportFileInput, maxBytes: number): void {
  if (input.size !== undefined && input.size > maxBytes) throw ImportException.fileTooLarge(maxBytes, input.size);
}

/** The file's chunks, counted: stops with file_too_large as soon as the limit is passed, whatever the declared size said. */
export async function* cappedChunks(input: ImportFileInput, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input.open()) {
    const buffer = asBuffer(chunk);
    total += buffer.length;
    if (total > maxBytes) throw ImportException.fileTooLarge(maxBytes);
    yield buffer;
  }
}

/** The first `bytes` bytes (fewer for a short file); the rest is not read. */
export async function readHead(input: ImportFileInput, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of input.open()) {
    const buffer = asBuffer(chunk);
    parts.push(buffer);
    length += buffer.length;
    if (length >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** The whole file in memory, for formats that need random access (a zip): refused once over the limit. */
export async function readWhole(input: ImportFileInput, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of cappedChunks(input, maxBytes)) parts.push(chunk);
  return Buffer.concat(parts);
}
