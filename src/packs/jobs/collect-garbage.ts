import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = () => void;

let gcFunction: GcFunction | null | undefined;

/**
 * A full collection of this thread's heap, now: V8 keeps a heap at the size it grew to until
 * something makes it collect. The packs worker runs one once its own formats are written and it has
 * let go of its copy of the model, while the render thread is still writing the PDF (it allocates
 * too little while it waits for one to come by itself, so the heap the JSON, XLSX and DOCX grew,
 * with the model in it, stayed at its peak beside the render thread's); the render thread runs one
 * after each pack.
 *
 * `gc` is the one `--expose-gc` puts on the global object when the process was started with it;
 * otherwise the flag is set at run time and a new context has `gc` (as src/storage/transient-buffers.ts
 * does for the API: V8 documents flags set after start-up as unsupported, but it has worked on every
 * Node the project runs on). If neither works, nothing is collected early; nothing else changes.
 */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    const startupGc = (globalThis as { gc?: unknown }).gc;
    if (typeof startupGc === 'function') {
      gcFunction = startupGc as GcFunction;
    } else {
      try {
        setFlagsFromString('--expose-gc');
        gcFunction = runInNewContext('gc') as GcFunction;
      } catch {
        gcFunction = null;
      }
    }
  }
  gcFunction?.();
}
