import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PackRenderThread } from '../render/render-thread-pool';

/**
 * The render thread's own V8 heap cap, on top of the worker's 384 MB. Only the PDF renders there,
 * and writes its pages out as they fill: a 5,000-action PDF needs well under this.
 */
export const RENDER_THREAD_HEAP_MB = 192;

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
