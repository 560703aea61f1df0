import Ajv from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * A check of a response body against the document's ErrorBodyDto, with its $refs (ErrorCode) as the
 * document gives them: the problems in words, none when it fits. OpenAPI 3.0 schema words that are
 * not JSON Schema (`example`) are ignored.
 */
export function errorBodyChecker(document: OpenAPIObject): (body: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi.json', components: document.components });
  const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/ErrorBodyDto' });
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`));
}
