import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { PackModel } from '../model/pack-model';
import type { PackFontFiles } from './pack-fonts';
import type { RenderReply, RenderRequest } from './render-thread';
import type { PackFormat } from '../../vocabulary/pack-format';

/** A render thread that stopped (crashed, ran out of memory, was terminated) before finishing. */
export class RenderThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderThreadError';
  }
}

export interface ThreadRenderHandlers {
  /** A block of a format's bytes, in order. */
  onBlock(format: PackFormat, block: Buffer): void;
  /** The format's last block has been sent. */
  onDone(format: PackFormat): void;
}

/**
 * The model as the thread's PDF needs it: the PDF lays out the outline (meta, front matter,
 * sections, charts), not the data the sections were made from, which the JSON carries (the tracker,
 * evidence, exceptions, milestones, the board's and scrutiny's lists...). Those are left out of
 * the copy the thread is sent (emptied): at 5,000 actions the structured clone was 15.5 MB and
 * about 25 MB of the thread's heap for the whole PDF, and its serialising and reading back came
 * before the PDF's first page. The same PDF either way (render-thread-pool.spec.ts).
 */
export function pdfModelOf(model: PackModel): PackModel {
  return {
    ...model,
    workstreams: [],
    notices: [],
    inspections: [],
    exceptions: [],
    overdueMilestones: [],
    upcomingMilestones: [],
    evidence: { ...model.evidence, items: null },
    changes: { ...model.changes, newReds: [], turnedBlue: [], all: [] },
    tracker: [],
    scrutiny: null,
    board: null,
  };
}

interface Running {
  id: number;
  handlers: ThreadRenderHandlers;
  resolve: () => void;
  reject: (err: Error) => void;
  remaining: number;
}

/**
 * The render thread's young generation: 16 MB instead of V8's 48 MB for a thread. The young
 * generation is the thread's share of the worker's peak RSS that a pack does not need: a
 * 5,000-action pack (bench/packs-generate.bench.ts, warm worker, alternated runs, 1 December) peaked
 * at 340 MB against 374-378 MB (500 actions: 247-249 against 261-267 MB), for a PDF about a tenth
 * slower (2.58-2.60 against 2.27-2.35 s; the pack 3.1-3.2 against 2.8-3.0 s). 8 and 4 MB saved
 * little more (335 and 327 MB) for more scavenging.
 */
const RENDER_THREAD_YOUNG_MB = 16;

/**
 * The thread's entry. Compiled (dist), render-thread.js beside this file; from the TypeScript
 * sources (ts-node, jest), the thread compiles its modules with SWC as it loads them (no
 * TypeScript compiler in the thread: it would cost about 100 MB of its memory).
 */
function spawn(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: RENDER_THREAD_YOUNG_MB };
  const compiled = join(__dirname, 'render-thread.js');
  if (existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  const source = join(__dirname, 'render-thread.ts');
  const swc = require.resolve('@swc/core', { paths: [__dirname] });
  const code = `
    const fs = require('fs');
    const Module = require('module');
    const swc = require(${JSON.stringify(swc)});
    const options = (filename) => ({
      filename,
      sourceMaps: 'inline',
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
      module: { type: 'commonjs' },
    });
    Module._extensions['.ts'] = function (module, filename) {
      module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options(filename)).code, filename);
    };
    require(${JSON.stringify(source)});
  `;
  return new Worker(code, { eval: true, resourceLimits });
}

/**
 * One render thread that lives with the packs worker and uses the machine's second core: the
 * worker sends it a pack's model once (structured clone, what the PDF reads of it) with the formats it is to render (the
 * PDF, the longest), and renders the others itself meanwhile. The thread starts on first use (or
 * `start()`), stays for the next pack, and is started afresh after it dies: a crash, or running out
 * of its own heap (`heapMb`, on top of the worker's), rejects the render in progress with a
 * RenderThreadError, so the job fails and is retried.
 */
export class PackRenderThread {
  private worker: Worker | null = null;
  private running: Running | null = null;
  private nextId = 1;

  constructor(private readonly heapMb: number) {}

  /** Whether a render is in progress (one at a time). */
  get busy(): boolean {
    return this.running !== null;
  }

  /** The running thread's memory limits as V8 applied them (MB); empty until a thread is running. */
  get resourceLimits(): ResourceLimits {
    return this.worker?.resourceLimits ?? {};
  }

  /** Starts the thread now (loading the renderers), rather than on the first pack. */
  start(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawn(this.heapMb);
    worker.on('message', (reply: RenderReply) => this.onReply(reply));
    worker.on('error', (err: Error) => this.stopped(worker, new RenderThreadError(`The render thread failed: ${err.message}`)));
    worker.on('exit', (code) => this.stopped(worker, new RenderThreadError(`The render thread stopped (exit code ${code}) before the pack was rendered`)));
    // Idle, the thread does not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stopped(worker: Worker, err: RenderThreadError): void {
    if (this.worker === worker) this.worker = null;
    const running = this.running;
    this.running = null;
    running?.reject(err);
  }

  private onReply(reply: RenderReply): void {
    const running = this.running;
    if (!running || reply.id !== running.id) return;
    try {
      if (reply.kind === 'block') {
        running.handlers.onBlock(reply.format, Buffer.from(reply.block.buffer, reply.block.byteOffset, reply.block.byteLength));
      } else if (reply.kind === 'done') {
        running.handlers.onDone(reply.format);
        running.remaining -= 1;
        if (running.remaining === 0) {
          this.running = null;
          this.worker?.unref();
          running.resolve();
        }
      } else {
        this.running = null;
        this.worker?.unref();
        const err = new Error(reply.message);
        if (reply.stack) err.stack = reply.stack;
        running.reject(err);
      }
    } catch (err) {
      // A handler failed: the render is abandoned (the thread is stopped, so it stops sending).
      this.running = null;
      running.reject(err instanceof Error ? err : new Error(String(err)));
      void this.abort();
    }
  }

  /** Renders `formats` of `model` in the thread, one after another; one render at a time. */
  render(model: PackModel, formats: PackFormat[], handlers: ThreadRenderHandlers, options: { fonts?: Partial<PackFontFiles>; crashOn?: PackFormat } = {}): Promise<void> {
    if (this.running) return Promise.reject(new Error('The render thread is busy'));
    if (formats.length === 0) return Promise.resolve();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.running = { id, handlers, resolve, reject, remaining: formats.length };
      worker.ref();
      const request: RenderRequest = { id, model: pdfModelOf(model), formats, fonts: options.fonts, crashOn: options.crashOn };
      try {
        worker.postMessage(request);
      } catch (err) {
        this.running = null;
        worker.unref();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Stops the thread (and whatever it is rendering); the next render starts a new one. */
  async abort(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopped(worker, new RenderThreadError('The render was abandoned'));
    await worker.terminate();
  }

  close(): Promise<void> {
    return this.abort();
  }
}
