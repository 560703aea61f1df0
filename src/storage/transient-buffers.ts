import { exposedGc } from '../common/gc/exposed-gc';

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

let pendingBytes = 0;

/** Notes `bytes` of transient buffers (an upload's chunks) that are already garbage or soon will be. */
export function noteTransientBytes(bytes: number): void {
  pendingBytes += bytes;
  if (pendingBytes < SCAVENGE_EVERY_BYTES) return;
  pendingBytes = 0;
  // The API's start-up gc (`--expose-gc`) or the run-time fallback; without either, uploads still
  // work and only the scavenges are lost.
  exposedGc()?.({ type: 'minor' });
}
