/**
 * PDFKit's output path, made cheap for a 1,000-page tracker. PDFKit turns every line of page
 * content into its own small Uint8Array (hundreds of thousands for a 5,000-action pack) and pushes
 * every piece of every object (id, dictionary, stream, endobj) through a Readable stream, one
 * chunk each; the garbage of all those small buffers was the largest cost of the PDF (a quarter of
 * its time in the collector). Here page content is gathered as strings and written once per page,
 * and the document's writes go straight into large blocks, handed on as each one fills.
 *
 * The document's bytes are PDFKit's strings, in the same order, with the same newline after each,
 * converted the way PDFKit converts them (one byte per character, its low 8 bits: Node's
 * 'latin1'). Page streams are deflated at a cheaper level than PDFKit's (see batchPageContent),
 * on the thread pool rather than on the rendering thread (see DeferredDeflate).
 * Private API (PDFKit 0.17-0.20: `_write`, `_offset`, `page.content`, its `compress` and `buffer`;
 * for the deferred deflate also `_offsets` and `_finalize`): checked at start; without it the
 * document is left as PDFKit made it (or its pages deflated on this thread).
 */

import { deflate, deflateSync } from 'node:zlib';

/** Where finished blocks go (each at most BLOCK bytes, the last one shorter). */
export type BlockSink = (block: Buffer) => void;

interface ContentRef {
  write(chunk: unknown): unknown;
  end(chunk?: unknown): unknown;
}
interface PdfkitInternals {
  read(): Uint8Array | null;
  _write(data: unknown): void;
  _offset: number;
  /** Object offsets (for the cross-reference table), by object number - 1. */
  _offsets: (number | null)[];
  /** Writes the cross-reference table and trailer: once every object has been written. */
  _finalize(): void;
  emit(event: 'error', err: Error): boolean;
  push(chunk: unknown): boolean;
  page: { content: ContentRef } | undefined;
  on(event: 'pageAdded', listener: () => void): unknown;
}

export const PDF_BLOCK_BYTES = 1 << 20;

/**
 * A place in the output kept for bytes that come later (a page's content stream being deflated on
 * another thread): what is written after it waits, in order, until it is filled.
 */
export interface OutputHole {
  parts: Uint8Array[];
  filled: boolean;
  size: number;
}

/** Spilled writes (while a hole is open) are gathered in buffers of this size. */
const SPILL_BYTES = 1 << 16;

/** Copies PDFKit's writes into large blocks; full blocks go to `sink` as they fill. */
export class PdfBlockWriter {
  private current = Buffer.allocUnsafe(PDF_BLOCK_BYTES);
  private used = 0;
  bytes = 0;
  /** Output behind the first unfilled hole, in order: byte runs and holes. Empty when none is open. */
  private readonly queue: (Uint8Array | OutputHole)[] = [];
  private spill = Buffer.allocUnsafe(0);
  private spillStart = 0;
  private spillUsed = 0;
  /** The hole being filled: writes go into it. */
  private filling: OutputHole | null = null;

  constructor(private readonly sink: BlockSink) {}

  /** A binary string (one byte per character) followed by a newline, as PDFKit's _write does. */
  writeLine(text: string): void {
    if (this.filling) this.filling.parts.push(Buffer.from(`${text}\n`, 'latin1'));
    else if (this.queue.length > 0) this.spillLine(text);
    else {
      this.writeString(text);
      this.writeString('\n');
    }
  }

  writeBytes(chunk: Uint8Array): void {
    // PDFKit does not reuse a chunk once written (its stream buffers are replaced): kept as it is.
    if (this.filling) this.filling.parts.push(chunk);
    else if (this.queue.length > 0) {
      this.sealSpill();
      this.queue.push(chunk);
    } else this.copyBytes(chunk);
  }

  /** Keeps a place here for bytes given later (fill); what is written meanwhile follows it. */
  reserve(): OutputHole {
    const hole: OutputHole = { parts: [], filled: false, size: 0 };
    this.sealSpill();
    this.queue.push(hole);
    return hole;
  }

  /** Runs `write`, whose writes go into `hole`, then hands on whatever no longer waits. */
  fill(hole: OutputHole, write: () => void): void {
    this.filling = hole;
    try {
      write();
    } finally {
      if (this.filling === hole) this.endFill();
    }
  }

  /** The hole being filled is complete (its writer may go on writing after it: the document's end). */
  endFill(): void {
    const hole = this.filling;
    if (!hole) return;
    this.filling = null;
    hole.filled = true;
    for (const part of hole.parts) hole.size += part.length;
    this.drain();
  }

  private spillLine(text: string): void {
    const length = text.length + 1;
    if (this.spillUsed + length > this.spill.length) {
      this.sealSpill();
      this.spill = Buffer.allocUnsafe(Math.max(SPILL_BYTES, length));
      this.spillStart = 0;
      this.spillUsed = 0;
    }
    this.spill.write(text, this.spillUsed, 'latin1');
    this.spill[this.spillUsed + text.length] = 10;
    this.spillUsed += length;
  }

  private sealSpill(): void {
    if (this.spillUsed > this.spillStart) this.queue.push(this.spill.subarray(this.spillStart, this.spillUsed));
    this.spillStart = this.spillUsed;
  }

  /** Writes out the queue up to its first unfilled hole. */
  private drain(): void {
    this.sealSpill();
    let i = 0;
    for (; i < this.queue.length; i++) {
      const item = this.queue[i];
      if (item instanceof Uint8Array) this.copyBytes(item);
      else if (item.filled) for (const part of item.parts) this.copyBytes(part);
      else break;
    }
    this.queue.splice(0, i);
  }

  private writeString(text: string): void {
    let offset = 0;
    while (offset < text.length) {
      if (this.used === this.current.length) this.flushBlock();
      const n = Math.min(text.length - offset, this.current.length - this.used);
      this.current.write(offset === 0 && n === text.length ? text : text.slice(offset, offset + n), this.used, n, 'latin1');
      this.used += n;
      offset += n;
    }
    this.bytes += text.length;
  }

  private copyBytes(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.current.length) this.flushBlock();
      const n = Math.min(chunk.length - offset, this.current.length - this.used);
      this.current.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
    }
    this.bytes += chunk.length;
  }

  private flushBlock(): void {
    this.sink(this.current);
    this.current = Buffer.allocUnsafe(PDF_BLOCK_BYTES);
    this.used = 0;
  }

  /** Hands on what is left (if anything). */
  finish(): void {
    if (this.queue.length > 0) throw new Error('The PDF ended with part of its output still waiting');
    if (this.used > 0) this.sink(this.current.subarray(0, this.used));
    this.current = Buffer.alloc(0);
    this.used = 0;
  }
}

function hasInternals(doc: unknown): doc is PdfkitInternals {
  const d = doc as Partial<PdfkitInternals>;
  return typeof d._write === 'function' && typeof d._offset === 'number' && typeof d.push === 'function' && typeof d.page?.content?.write === 'function';
}

/**
 * A page's content stream as PDFKit builds it (a PDFReference): its data, whether PDFKit would
 * deflate it, and its write/end.
 */
interface PageContent extends ContentRef {
  compress?: boolean;
  /** What was written before the batching began (the page's first transform), as bytes. */
  buffer?: unknown;
  data?: Record<string, unknown>;
}

/** Page streams are deflated at this level (PDFKit's, zlib's default, is 6). */
export const PAGE_DEFLATE_LEVEL = 1;

/**
 * A page's content strings gathered and written to its content stream in one piece when the page
 * ends (PDFKit adds a newline after each write: joined with newlines, then one more, is the same).
 * PDFKit would copy that string into bytes through an array, concatenate, then deflate at zlib's
 * default level (a third of the tracker's page time); here it becomes bytes once (latin1, as PDFKit
 * converts) and is deflated at PAGE_DEFLATE_LEVEL: page content is operators and glyph codes that
 * repeat, which the fastest level already compresses well.
 */
function batchPageContent(content: PageContent, deferred: DeferredDeflate | null): void {
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  let pending: string[] = [];
  let mixed = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('\n');
    pending = [];
    write(text);
  };
  content.write = (chunk: unknown) => {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      return undefined;
    }
    mixed = true;
    flush();
    return write(chunk);
  };
  content.end = (chunk?: unknown) => {
    if (chunk !== undefined) content.write(chunk);
    if (!mixed && pending.length > 0 && content.compress === true && content.data !== undefined) {
      const text = Buffer.from(`${pending.join('\n')}\n`, 'latin1');
      pending = [];
      const before = Array.isArray(content.buffer) ? (content.buffer as Uint8Array[]) : [];
      const bytes = before.length > 0 ? Buffer.concat([...before, text]) : text;
      content.buffer = [];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
      if (deferred) {
        deferred.deflate(bytes, write, end);
        return undefined;
      }
      write(deflateSync(bytes, { level: PAGE_DEFLATE_LEVEL }));
      return end();
    }
    flush();
    return end();
  };
}

/**
 * Page streams deflated on libuv's thread pool (the machine's other core, idle while the render
 * thread writes the PDF) instead of on this thread, with the file byte for byte the same: the
 * stream's object keeps its place in the output (an OutputHole; what PDFKit writes after it waits
 * in order) and is written there, by PDFKit's own finalize, when its deflate is done. Its length is
 * not known until then, so PDFKit's offsets after it are counted as if it took one byte, and put
 * right once every object is written (PDFKit writes the cross-reference table only when the last
 * object has ended, and the stream's object ends only when it is written).
 */
const MAX_DEFLATES_IN_FLIGHT = 4;

class DeferredDeflate {
  /** Where each deferred object starts (as counted: offsets are corrected by `finalizing`), and its hole. */
  private readonly deferred: { start: number; hole: OutputHole }[] = [];
  /** The offset to go back to after a hole has been filled (null when none is being filled). */
  private resume: number | null = null;
  private inFlight = 0;

  constructor(
    private readonly internals: PdfkitInternals,
    private readonly writer: PdfBlockWriter,
  ) {}

  /** Deflates `bytes` on the thread pool, then writes the stream (`write`) and its object (`end`, PDFKit's) in its place. */
  deflate(bytes: Buffer, write: (chunk: Uint8Array) => unknown, end: () => unknown): void {
    const { internals, writer } = this;
    const hole = writer.reserve();
    const start = internals._offset;
    internals._offset += 1;
    this.deferred.push({ start, hole });
    const written = (deflated: Buffer): void => {
      write(deflated);
      // PDFKit's finalize takes the object's offset from _offset, then writes it (here into the hole).
      this.resume = internals._offset;
      internals._offset = start;
      writer.fill(hole, () => end());
      if (this.resume !== null) internals._offset = this.resume;
      this.resume = null;
    };
    // Each deflate in flight holds its own zlib state (a few hundred KB, outside the heap) until this
    // thread's event loop takes its result; pages written without a turn of the loop between them
    // would pile them up (hundreds, 80 MB of RSS): past a few, the page is deflated here.
    if (this.inFlight >= MAX_DEFLATES_IN_FLIGHT) {
      written(deflateSync(bytes, { level: PAGE_DEFLATE_LEVEL }));
      return;
    }
    this.inFlight += 1;
    deflate(bytes, { level: PAGE_DEFLATE_LEVEL }, (err, deflated) => {
      this.inFlight -= 1;
      if (err) internals.emit('error', err);
      else written(deflated);
    });
  }

  /** Before PDFKit's cross-reference table: every deferred object is written; the offsets counted after each are moved by its real length. */
  finalizing(): void {
    const { internals } = this;
    if (this.resume !== null) internals._offset = this.resume;
    this.resume = null;
    this.writer.endFill();
    const starts = this.deferred.map((d) => d.start);
    // shift[k]: what the first k deferred objects add beyond the one byte each was counted as.
    const shift = [0];
    for (const d of this.deferred) shift.push(shift[shift.length - 1] + d.hole.size - 1);
    const movedBy = (offset: number): number => {
      // Deferred objects starting before this offset (a deferred object's own start is not moved by itself).
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid] < offset) lo = mid + 1;
        else hi = mid;
      }
      return shift[lo];
    };
    const offsets = internals._offsets;
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i];
      if (typeof offset === 'number') offsets[i] = offset + movedBy(offset);
    }
    internals._offset += shift[shift.length - 1];
  }
}

/**
 * Sends the document's output to `writer` instead of through its Readable stream (the stream still
 * ends, with no data, when the document is finished). Returns false, changing nothing, if this
 * PDFKit does not have the internals relied on; the caller then reads the stream as usual.
 */
export function routePdfOutput(doc: PDFKit.PDFDocument, writer: PdfBlockWriter, options: { deflateElsewhere?: boolean } = {}): boolean {
  const internals: unknown = doc;
  if (!hasInternals(internals)) return false;
  // What PDFKit wrote before now (the header) waits in the paused stream: take it first, in order.
  const written = internals.read();
  if (written) writer.writeBytes(written);
  internals._write = (data: unknown) => {
    if (data instanceof Uint8Array) {
      writer.writeBytes(data);
      internals._offset += data.length;
    } else {
      const text = String(data);
      writer.writeLine(text);
      internals._offset += text.length + 1;
    }
  };
  let deferred: DeferredDeflate | null = null;
  if (options.deflateElsewhere !== false && Array.isArray(internals._offsets) && typeof internals._finalize === 'function' && typeof internals.emit === 'function') {
    const controller = new DeferredDeflate(internals, writer);
    const finalize = internals._finalize.bind(internals);
    internals._finalize = () => {
      controller.finalizing();
      finalize();
    };
    deferred = controller;
  }
  if (internals.page) batchPageContent(internals.page.content, deferred);
  internals.on('pageAdded', () => {
    if (internals.page) batchPageContent(internals.page.content, deferred);
  });
  return true;
}
