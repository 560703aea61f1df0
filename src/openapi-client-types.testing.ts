import type { OpenAPIObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the typed client's types live: committed, so `tsc` checks the tests that use them. */
export const CLIENT_TYPES_FILE = 'test/client/api.d.ts';

const HEADER = '// Regenerate with `npm run openapi:client`; src/openapi-document.spec.ts fails when this file and the API drift apart.\n';

/**
 * The TypeScript types of the document's paths, operations and schemas, for openapi-fetch, made by
 * openapi-typescript's own command line in a child process (its ESM dependencies do not load under
 * jest's CommonJS runtime). A property with a default stays optional (`--default-non-nullable false`):
 * the server fills it in, so a request may leave it out.
 */
export function generateClientTypes(document: OpenAPIObject): string {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    // Its exports map turns `bin/cli.js` into a file that does not exist; the package's own folder does.
    const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [cli, file, '--alphabetize', '--default-non-nullable', 'false'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`openapi-typescript failed (${run.status ?? run.signal}): ${run.stderr}`);
    return HEADER + run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
