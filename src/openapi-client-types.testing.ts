import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';

/** Where the typed client's types live: committed, so `tsc` checks the tests that use them. */
export const CLIENT_TYPES_FILE = 'test/client/api.d.ts';

const HEADER =
  '/**\n' +
  ' * GENERATED from the OpenAPI document by openapi-typescript: do not edit. Regenerate with\n' +
  ' * `npm run openapi:client`; src/openapi-document.spec.ts fails when this file and the API drift apart.\n' +
  ' */\n\n';

/** The TypeScript types of the document's paths, operations and schemas, for openapi-fetch. */
export async function generateClientTypes(document: OpenAPIObject): Promise<string> {
  // openapi-typescript takes the document as a plain object; a copy, so nothing it does touches ours.
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}
