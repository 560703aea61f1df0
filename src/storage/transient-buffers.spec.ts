import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { gcSource } from '../common/gc/exposed-gc';
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

describe('the --expose-gc start-up flag that noteTransientBytes relies on', () => {
  const root = join(__dirname, '..', '..');
  const read = (file: string) => readFileSync(join(root, file), 'utf8');

  it('is on every command line that starts the API', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe('node --expose-gc dist/main.js');
    expect(scripts['start:api']).toBe('node --expose-gc dist/main.js');
    expect(read('Dockerfile')).toContain('CMD ["node", "--expose-gc", "dist/main.js"]');
    expect(read('docker-compose.yml')).toContain('command: ["node", "--expose-gc", "dist/main.js"]');
    expect(read('scripts/demo.sh')).toContain('node --expose-gc dist/main.js');
    // No other way of starting the API without it.
    for (const file of ['package.json', 'Dockerfile', 'docker-compose.yml', 'scripts/demo.sh']) {
      expect(read(file)).not.toMatch(/node"?,? "?dist\/main\.js/);
    }
  });

  it('is on every command line that starts the worker (the packs worker collects after its formats)', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:worker']).toBe('node --expose-gc --max-old-space-size=384 dist/worker.js');
    expect(read('docker-compose.yml')).toContain('command: ["node", "--expose-gc", "--max-old-space-size=384", "dist/worker.js"]');
    expect(read('scripts/demo.sh')).toContain('node --expose-gc --max-old-space-size=384 dist/worker.js');
    for (const file of ['package.json', 'docker-compose.yml', 'scripts/demo.sh']) {
      expect(read(file)).not.toMatch(/node"?,? "?(--max-old-space-size=384"?,? "?)?dist\/worker\.js/);
    }
  });

  it('is used when the process has it; without it (as under jest) the run-time fallback still gives a gc', () => {
    expect(gcSource()).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'startup-flag' : 'runtime-flag');
    const child = execFileSync(
      process.execPath,
      ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-e', "console.log(require('./src/common/gc/exposed-gc').gcSource())"],
      { cwd: root, encoding: 'utf8' },
    );
    expect(child.trim()).toBe('startup-flag');
  }, 60_000);
});
