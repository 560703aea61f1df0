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
 * 'latin1'). Page streams are deflated at a cheaper level than PDFKit's (see batchPageContent).
 * Private API (PDFKit 0.17-0.20: `_write`, `_offset`, `page.content`, its `compress` and `buffer`): checked at
 * start; without it the document is left as PDFKit made it.
 */

import { deflateSync } from 'node:zlib';

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
  push(chunk: unknown): boolean;
  page: { content: ContentRef } | undefined;
  on(event: 'pageAdded', listener: () => void): unknown;
}

export const PDF_BLOCK_BYTES = 1 << 20;

/** Copies PDFKit's writes into large blocks; full blocks go to `sink` as they fill. */
export class PdfBlockWriter {
  private current = Buffer.allocUnsafe(PDF_BLOCK_BYTES);
  private used = 0;
  bytes = 0;

  constructor(private readonly sink: BlockSink) {}

  /** A binary string (one byte per character) followed by a newline, as PDFKit's _write does. */
  writeLine(text: string): void {
    this.writeString(text);
    this.writeString('\n');
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

  writeBytes(chunk: Uint8Array): void {
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
function batchPageContent(content: PageContent): void {
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
      write(deflateSync(bytes, { level: PAGE_DEFLATE_LEVEL }));
      return end();
    }
    flush();
    return end();
  };
}

/**
 * Sends the document's output to `writer` instead of through its Readable stream (the stream still
 * ends, with no data, when the document is finished). Returns false, changing nothing, if this
 * PDFKit does not have the internals relied on; the caller then reads the stream as usual.
 */
export function routePdfOutput(doc: PDFKit.PDFDocument, writer: PdfBlockWriter): boolean {
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
  if (internals.page) batchPageContent(internals.page.content);
  internals.on('pageAdded', () => {
    if (internals.page) batchPageContent(internals.page.content);
  });
  return true;
}
