import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PackRenderThread } from '../render/render-thread-pool';

/**
 * The render thread's own V8 heap cap, on top of the worker's 384 MB. Only the PDF renders there,
 * and writes its pages out as they fill, but PDFKit keeps a reference per structure element (one
 * per table cell) until the end: about 92 MB live at the peak at 5,000 actions, with much garbage
 * beside it. Near the cap V8 collects again and again: a
 * 5,000-action PDF took 40.2 s at 192 MB, 8.6 s at 384 MB and 5.4 s at 768 MB, while the process's
 * peak RSS moved only from 509 to 547 MB (bench/packs-generate.bench.ts, one run each, load 5-11).
 * The cap bounds a runaway render; V8 does not grow the heap to it for a normal one.
 */
export const RENDER_THREAD_HEAP_MB = 768;

/** The packs worker's render thread (see PackRenderThread): started with the worker, stopped with it. */
@Injectable()
export class PackRenderThreadService extends PackRenderThread implements OnApplicationBootstrap, OnModuleDestroy {
  constructor() {
    super(RENDER_THREAD_HEAP_MB);
  }

  onApplicationBootstrap(): void {
    // Load the renderers now, so the first pack does not wait for them.
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
