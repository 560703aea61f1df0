import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node flags production starts the worker with, read from package.json's `start:worker`
 * (`node <flags> dist/worker.js`; the demo and docker-compose use the same, checked by
 * src/storage/transient-buffers.spec.ts), so the benches measure the worker as it runs.
 */
export function workerNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts['start:worker'].split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== 'dist/worker.js') throw new Error(`start:worker is not 'node <flags> dist/worker.js': ${scripts['start:worker']}`);
  return words.slice(1, -1);
}
