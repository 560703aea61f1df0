/**
 * `npm run openapi:export [-- <file>]`: writes the OpenAPI document (default `openapi.json`, git-ignored)
 * for integrators and linters, without a running server or database. `npm run openapi:client`
 * regenerates the typed client the tests use (`test/client/api.d.ts`) from it.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOfflineOpenApiDocument } from '../src/openapi-document';

async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'openapi.json');
  const document = await buildOfflineOpenApiDocument();
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`OpenAPI ${document.openapi} document, ${Object.keys(document.paths).length} paths: ${target}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`openapi:export failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
