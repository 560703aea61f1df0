import { parentPort } from 'node:worker_threads';
import type { PackModel } from '../model/pack-model';
import type { PackFontFiles } from './pack-fonts';
import { renderPdfBlocks } from './render-pdf';
import { collectGarbage } from '../jobs/collect-garbage';
import type { PackFormat } from '../../vocabulary/pack-format';

/**
 * The packs worker's render thread (see render-thread-pool.ts): receives a pack's model once with
 * the formats to render (the PDF: the only renderer loaded here), and sends each format back in blocks as it is produced (their memory is
 * transferred, not copied), then `done` per format, or the error.
 */

export interface RenderRequest {
  id: number;
  model: PackModel;
  formats: PackFormat[];
  fonts?: Partial<PackFontFiles>;
  /** Tests only: the thread dies (process.exit) on this format's first block, as a crash would. */
  crashOn?: PackFormat;
}

export type RenderReply =
  | { id: number; kind: 'block'; format: PackFormat; block: Uint8Array }
  | { id: number; kind: 'done'; format: PackFormat }
  | { id: number; kind: 'error'; message: string; stack?: string };

/** The block's own memory, transferred when the block is all of it; otherwise a copy. */
function transferable(block: Buffer): { block: Uint8Array; transfer: ArrayBuffer[] } {
  const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength && block.buffer instanceof ArrayBuffer;
  if (whole) return { block: new Uint8Array(block.buffer), transfer: [block.buffer] };
  const copy = new Uint8Array(block.byteLength);
  copy.set(block);
  return { block: copy, transfer: [copy.buffer] };
}

async function handle(port: NonNullable<typeof parentPort>, request: RenderRequest): Promise<void> {
  const { id, model } = request;
  try {
    for (const format of request.formats) {
      if (format !== 'pdf') throw new RangeError(`The render thread renders PDFs only, not '${format}'`);
      // Only the PDF renderer is loaded here: the others' libraries would only take the thread's memory.
      await renderPdfBlocks(
        model,
        (block) => {
          if (request.crashOn === format) process.exit(70);
          const { block: data, transfer } = transferable(block);
          const reply: RenderReply = { id, kind: 'block', format, block: data };
          port.postMessage(reply, transfer);
        },
        // The model is this thread's copy (structured clone), read by nothing after the PDF.
        { fonts: request.fonts, consumeModel: true },
      );
      port.postMessage({ id, kind: 'done', format } satisfies RenderReply);
    }
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ id, kind: 'error', message: error.message, stack: error.stack } satisfies RenderReply);
  }
}

if (parentPort) {
  const port = parentPort;
  // One request at a time, in order (the packs worker renders one pack at a time).
  let queue = Promise.resolve();
  port.on('message', (request: RenderRequest) => {
    // After each pack the heap the PDF grew to goes back: a 5,000-action PDF keeps its document
    // (every structure element) until its end, about 200 MB of heap, which V8 would otherwise keep
    // while the thread waits for the next pack (the parsed fonts and their word caches stay).
    queue = queue.then(() => handle(port, request)).then(collectGarbage);
  });
}
