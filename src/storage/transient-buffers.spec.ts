import { constants, PerformanceObserver } from 'node:perf_hooks';
import { noteTransientBytes, SCAVENGE_EVERY_BYTES } from './transient-buffers';

const MiB = 1024 * 1024;

/** The minor (young-generation) collections that run while `fn` runs, seen through perf_hooks. */
async function minorGcsDuring(fn: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  fn();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return count;
}

describe('noteTransientBytes', () => {
  it('scavenges every 16 MiB', () => expect(SCAVENGE_EVERY_BYTES).toBe(16 * MiB));

  it('runs a young-generation GC once SCAVENGE_EVERY_BYTES (16 MiB) of upload chunks have gone by, not on every chunk', async () => {
    // Chunks short of the threshold: no collection of ours (V8 may still run one of its own, rarely in 50 ms).
    const quiet = await minorGcsDuring(() => {
      for (let i = 0; i < 100; i++) noteTransientBytes(64 * 1024);
    });
    // 100 x 64 KiB = 6.25 MiB so far; 10 MiB more crosses 16 MiB once; 16 MiB more crosses it again.
    const busy = await minorGcsDuring(() => {
      noteTransientBytes(10 * MiB);
      noteTransientBytes(16 * MiB);
    });
    expect(busy).toBeGreaterThanOrEqual(2);
    expect(quiet).toBeLessThan(busy);
  });
});
