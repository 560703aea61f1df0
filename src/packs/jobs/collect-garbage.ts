import { exposedGc } from '../../common/gc/exposed-gc';

/**
 * A full collection of this thread's heap, now: V8 keeps a heap at the size it grew to until
 * something makes it collect. The packs worker runs one once its own formats are written and it has
 * let go of its copy of the model, while the render thread is still writing the PDF (it allocates
 * too little while it waits for one to come by itself, so the heap the JSON, XLSX and DOCX grew,
 * with the model in it, stayed at its peak beside the render thread's); the render thread runs one
 * after each pack.
 *
 * `gc` is src/common/gc/exposed-gc.ts's: the worker is started with `--expose-gc`, with a run-time
 * fallback. If neither works, nothing is collected early; nothing else changes.
 */
export function collectGarbage(): void {
  exposedGc()?.();
}
