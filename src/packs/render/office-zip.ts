import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, type ZlibOptions } from 'node:zlib';
import type { BlockSink } from './pdf-output';

/**
 * The zip of a DOCX or XLSX, written once, deterministically and as it goes: entries in the order
 * added, every entry dated the pack's generatedAt (UTC, so the bytes do not depend on the
 * machine's time zone), no extra fields, and the output handed to `sink` in blocks of about 1 MiB
 * as it is written. Before, each office file was zipped by its library, unzipped and zipped again
 * in memory (up to three times), which took most of their time and the largest part of their memory.
 *
 * An entry's content may be a sequence of pieces (strings are written as UTF-8): a 5,000-action
 * tracker's XML is never one string. It is compressed by Node's zlib (level 6, as before) on the
 * thread pool while the next pieces are made; only the compressed entry is held, then written
 * with its sizes in the local header (no data descriptors). The same pieces give the same bytes
 * with the same zlib build, so a retried job writes the same file.
 */

export const OFFICE_BLOCK_BYTES = 1 << 20;
const LEVEL = 6;
/** Pieces are gathered to about this many characters before going to the compressor. */
const BATCH_CHARS = 256 * 1024;

export type ZipPiece = string | Uint8Array;
export type ZipContent = ZipPiece | Iterable<ZipPiece> | AsyncIterable<ZipPiece>;

interface CentralEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time of a Date's UTC fields (two-second steps; years 1980-2107). */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

/** The pack's generatedAt as a zip time; before 1980 (never, in practice) as 1 January 1981. */
export function zipTimeOf(generatedAt: string): Date {
  const at = new Date(generatedAt);
  return Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1981 ? new Date(Date.UTC(1981, 0, 1)) : at;
}

/** docProps/core.xml with its created and modified times set to generatedAt (to the second). */
export function stableCoreProperties(xml: string, generatedAt: string): string {
  const iso = `${zipTimeOf(generatedAt).toISOString().slice(0, 19)}Z`;
  return xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`);
}

function isIterable(content: ZipContent): content is Iterable<ZipPiece> | AsyncIterable<ZipPiece> {
  return typeof content !== 'string' && !(content instanceof Uint8Array);
}

/** Copies writes into blocks of OFFICE_BLOCK_BYTES; each full block goes to the sink (the last, part-filled one on finish). */
export class BlockBuffer {
  private current = Buffer.allocUnsafe(OFFICE_BLOCK_BYTES);
  private used = 0;
  offset = 0;

  constructor(private readonly sink: BlockSink) {}

  write(data: Uint8Array): void {
    let from = 0;
    while (from < data.length) {
      if (this.used === this.current.length) {
        this.sink(this.current);
        this.current = Buffer.allocUnsafe(OFFICE_BLOCK_BYTES);
        this.used = 0;
      }
      const n = Math.min(data.length - from, this.current.length - this.used);
      this.current.set(data.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    this.offset += data.length;
  }

  finish(): void {
    if (this.used > 0) this.sink(this.current.subarray(0, this.used));
    this.current = Buffer.alloc(0);
    this.used = 0;
  }
}

export class OfficeZipWriter {
  private readonly out: BlockBuffer;
  private readonly central: CentralEntry[] = [];
  private readonly names = new Set<string>();
  private readonly stamp: { date: number; time: number };
  private finished = false;

  constructor(sink: BlockSink, mtime: Date) {
    this.out = new BlockBuffer(sink);
    this.stamp = dosDateTime(mtime);
  }

  /**
   * Adds one entry. `store` keeps it uncompressed (PNGs are compressed already). Entries must be
   * added one at a time (await each).
   */
  async add(name: string, content: ZipContent, options: { store?: boolean } = {}): Promise<void> {
    if (this.finished) throw new Error('Zip already finished');
    if (this.names.has(name)) throw new Error(`Duplicate zip entry: ${name}`);
    this.names.add(name);
    const pieces = isIterable(content) ? content : [content];
    const { crc, size, data } = options.store ? await stored(pieces) : await deflated(pieces);
    const nameBytes = Buffer.from(name, 'utf8');
    const method = options.store ? 0 : 8;
    const compressedSize = data.reduce((a, b) => a + b.length, 0);
    if (size > 0xfffffffe || compressedSize > 0xfffffffe) throw new RangeError(`Zip entry too large: ${name}`);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    this.central.push({ name: nameBytes, method, crc, compressedSize, size, offset: this.out.offset });
    this.out.write(header);
    this.out.write(nameBytes);
    for (const chunk of data) this.out.write(chunk);
  }

  /** Writes the central directory and hands on the last block. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const start = this.out.offset;
    for (const e of this.central) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0, 8);
      record.writeUInt16LE(e.method, 10);
      record.writeUInt16LE(this.stamp.time, 12);
      record.writeUInt16LE(this.stamp.date, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressedSize, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      // Extra field, comment, disk number, internal and external attributes: none.
      record.writeUInt32LE(e.offset, 42);
      this.out.write(record);
      this.out.write(e.name);
    }
    const size = this.out.offset - start;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.out.write(end);
    this.out.finish();
  }
}

/** Pieces gathered into buffers of about BATCH_CHARS characters (fewer, larger writes). */
async function* batched(pieces: Iterable<ZipPiece> | AsyncIterable<ZipPiece>): AsyncGenerator<Buffer> {
  let text: string[] = [];
  let chars = 0;
  for await (const piece of pieces) {
    if (typeof piece === 'string') {
      text.push(piece);
      chars += piece.length;
      if (chars >= BATCH_CHARS) {
        yield Buffer.from(text.join(''), 'utf8');
        text = [];
        chars = 0;
      }
    } else {
      if (chars > 0) {
        yield Buffer.from(text.join(''), 'utf8');
        text = [];
        chars = 0;
      }
      if (piece.length > 0) yield Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    }
  }
  if (chars > 0) yield Buffer.from(text.join(''), 'utf8');
}

async function stored(pieces: Iterable<ZipPiece> | AsyncIterable<ZipPiece>): Promise<{ crc: number; size: number; data: Buffer[] }> {
  const data: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for await (const chunk of batched(pieces)) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    data.push(chunk);
  }
  return { crc, size, data };
}

/**
 * Raw deflate through a zlib stream: its buffer is large enough that the next pieces are made
 * while the thread pool compresses the last ones. Same input, same output, however it is cut.
 */
async function deflated(pieces: Iterable<ZipPiece> | AsyncIterable<ZipPiece>): Promise<{ crc: number; size: number; data: Buffer[] }> {
  // Stream options pass through to the Transform (Node's zlib types leave them out).
  const options: ZlibOptions & { writableHighWaterMark: number } = { level: LEVEL, strategy: constants.Z_DEFAULT_STRATEGY, writableHighWaterMark: 4 * BATCH_CHARS };
  const deflate = createDeflateRaw(options);
  const data: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => data.push(chunk));
  const ended = once(deflate, 'end');
  // Awaited below; if a piece fails first, the stream is destroyed and this must not go unhandled.
  ended.catch(() => undefined);
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of batched(pieces)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
  } catch (error) {
    deflate.destroy();
    throw error;
  }
  return { crc, size, data };
}

/** Collects a sink's blocks into one Buffer (for callers that want the whole file). */
export function collectBlocks(): { sink: BlockSink; buffer: () => Buffer } {
  const blocks: Buffer[] = [];
  return {
    sink: (block) => blocks.push(block),
    buffer: () => Buffer.concat(blocks),
  };
}
