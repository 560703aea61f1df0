/** `npm run openapi:client`: regenerates test/client/api.d.ts (the typed client's types) from the API. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildOfflineOpenApiDocument } from '../src/openapi-document';
import { CLIENT_TYPES_FILE, generateClientTypes } from '../src/openapi-client-types.testing';

async function main(): Promise<void> {
  writeFileSync(CLIENT_TYPES_FILE, generateClientTypes(await buildOfflineOpenApiDocument()));
  process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`openapi:client failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
