import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc`: no options is a full collection; `{ type: 'minor' }` a scavenge of the young generation. */
export type GcFunction = (options?: { type: 'minor' | 'major' }) => void;

let gcFunction: GcFunction | null | undefined;

/**
 * This thread's `gc`. The API and the worker are started with `--expose-gc` (package.json start
 * scripts, the Dockerfile's CMD, docker-compose, scripts/demo.sh), which puts `gc` on the global
 * object: that one is used. Started without it (a test, ts-node, a custom command line), the flag is
 * set at run time and a new context has `gc`: V8 documents flags set after start-up as unsupported,
 * hence the start-up flag, but this fallback has worked on every Node the project runs on. Null if
 * neither works: callers then simply collect nothing early.
 */
export function exposedGc(): GcFunction | null {
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
  return gcFunction;
}

/** Which `gc` exposedGc gives: the one `--expose-gc` gave at start-up, the run-time fallback, or none. */
export function gcSource(): 'startup-flag' | 'runtime-flag' | 'none' {
  const fn = exposedGc();
  if (fn === null) return 'none';
  return fn === (globalThis as { gc?: unknown }).gc ? 'startup-flag' : 'runtime-flag';
}
