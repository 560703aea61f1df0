import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Every socket read of an upload is a new 64 KiB buffer, dead as soon as it has been hashed and
 * written. V8 counts those buffers as external memory, but only a scavenge (a young-generation GC)
 * frees them, and an upload allocates too few JavaScript objects to start one: so the dead buffers
 * pile up until external memory passes V8's limit (about 64 MB), which starts a full mark-compact
 * of the whole heap (80-90 MB of live objects in the API): some 0.1-0.2 s of CPU, two or three
 * times per 100 MB. A scavenge every 16 MiB of upload frees them for a millisecond or two each.
 * Measured in bench/evidence-upload.bench.ts under load, five uploads each way: API CPU per 100 MB
 * 0.89-0.96 s without, 0.39-0.40 s with (medians); full mark-compacts in the run 17-18 -> 5-6.
 * The counter is the process's, not the upload's: concurrent uploads make garbage together.
 */
export const SCAVENGE_EVERY_BYTES = 16 * 1024 * 1024;

type GcFunction = (options: { type: 'minor' | 'major' }) => void;

let gcFunction: GcFunction | null | undefined;
let pendingBytes = 0;

/**
 * The API is started with `--expose-gc` (package.json start scripts, the Dockerfile's CMD, docker-compose,
 * scripts/demo.sh), which puts `gc` on the global object: that one is used. Started without it (a test,
 * ts-node, a custom command line), the flag is set at run time and a new context has `gc`: V8 documents
 * flags set after start-up as unsupported, hence the start-up flag, but this fallback has worked on
 * every Node the project runs on. If neither works, uploads still work; only the scavenges are lost.
 */
function minorGc(): GcFunction | null {
  if (gcFunction === undefined) {
    const startupGc = (globalThis as { gc?: unknown }).gc;
    if (typeof startupGc === 'function') {
      gcFunction = startupGc as GcFunction;
      return gcFunction;
    }
    try {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as GcFunction;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction;
}

/** Which `gc` the scavenges use: the one `--expose-gc` gave at start-up, the run-time fallback, or none. */
export function scavengeSource(): 'startup-flag' | 'runtime-flag' | 'none' {
  const fn = minorGc();
  if (fn === null) return 'none';
  return fn === (globalThis as { gc?: unknown }).gc ? 'startup-flag' : 'runtime-flag';
}

/** Notes `bytes` of transient buffers (an upload's chunks) that are already garbage or soon will be. */
export function noteTransientBytes(bytes: number): void {
  pendingBytes += bytes;
  if (pendingBytes < SCAVENGE_EVERY_BYTES) return;
  pendingBytes = 0;
  minorGc()?.({ type: 'minor' });
}
