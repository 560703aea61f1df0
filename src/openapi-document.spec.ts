import { HttpException, HttpStatus } from '@nestjs/common';
import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { AppException } from './common/errors/app.exception';
import { CommonErrorCode } from './common/errors/error-code';
import { toErrorBody } from './common/errors/http-error.filter';
import { errorBodyChecker } from './common/openapi/error-body-schema.testing';
import { DERIVED_ERRORS, operationsOf } from './common/openapi/complete-contract';
import { CLIENT_TYPES_FILE, generateClientTypes } from './openapi-client-types.testing';
import { buildOfflineOpenApiDocument } from './openapi-document';

/**
 * The contract integrators start from, checked on the document as built (no server needed). A new
 * controller that forgets a summary or a tag, or drifts from the committed typed client, fails here
 * with the route named.
 */
describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;
  const operations = () => operationsOf(doc).map((o) => ({ ...o, route: `${o.method.toUpperCase()} ${o.path}` }));
  const responses = (route: string) => {
    const found = operations().find((o) => o.route === route);
    if (!found) throw new Error(`no operation ${route}`);
    return found.operation.responses as Record<string, ResponseObject>;
  };

  beforeAll(async () => {
    doc = await buildOfflineOpenApiDocument();
  }, 120_000);

  it('gives every operation a summary and a tag (listed by route when missing)', () => {
    const missing = operations()
      .map(({ route, operation }) => ({ route, summary: !operation.summary?.trim(), tag: !operation.tags?.length }))
      .filter((o) => o.summary || o.tag)
      .map((o) => `${o.route}: no ${[o.summary && 'summary (@ApiOperation)', o.tag && 'tag (@ApiTags)'].filter(Boolean).join(' and no ')}`);
    expect(missing).toEqual([]);
  });

  it("passes Redocly's recommended rules with no error and no warning (redocly.yaml switches none off)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const cli = require.resolve('@redocly/cli/bin/cli.js');
      const run = spawnSync(process.execPath, [cli, 'lint', file, '--format=json', '--config', join(__dirname, '..', 'redocly.yaml')], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 60_000,
      });
      const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number; ignored: number }; problems: { ruleId: string; message: string }[] };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names the API prefix once, in servers, and no path repeats it', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/'))).toEqual([]);
    expect(doc.paths).toHaveProperty(['/auth/login']);
  });

  it('says security: [] on the public operations only (login and health), and bearer on every other', () => {
    const publicRoutes = operations()
      .filter((o) => o.operation.security?.length === 0)
      .map((o) => o.route);
    // The one-click unsubscribe is public: the signed token in its query is the authority (no sign-in from an e-mail).
    expect(publicRoutes.sort()).toEqual(['GET /health', 'GET /health/ready', 'POST /auth/login', 'POST /notifications/unsubscribe']);
    for (const { route, operation } of operations().filter((o) => !publicRoutes.includes(o.route))) {
      expect({ route, security: operation.security }).toEqual({ route, security: [{ bearer: [] }] });
      expect({ route, has401: '401' in operation.responses }).toEqual({ route, has401: true });
    }
  });

  it('declares the errors each operation can give, from the facts of the route', () => {
    // A role-restricted operation names the roles in its 403; a declared 403 keeps its words and gains them.
    expect(responses('POST /users')['403'].description).toBe(DERIVED_ERRORS.roles(['admin']));
    expect(responses('POST /plans/{planId}/packs')['403'].description).toBe(`owners and scrutiny members; or: ${DERIVED_ERRORS.roles(['admin', 'board'])}`);
    // A policy the service applies is declared on the handler.
    expect(responses('PATCH /actions/{id}')['403'].description).toMatch(/another owner's action/);
    // UUID path parameters: 400 when malformed, 404 when not yours; a job id is not a UUID, so only 404.
    expect(Object.keys(responses('GET /actions/{id}'))).toEqual(['200', '400', '401', '404', 'default']);
    expect(Object.keys(responses('GET /jobs/{id}'))).toEqual(['200', '401', '403', '404', 'default']);
    // A JSON body: 400 with field details, 413; an optimistic version: 409.
    expect(Object.keys(responses('PATCH /workstreams/{id}'))).toEqual(['200', '400', '401', '403', '404', '409', '413', 'default']);
    expect(responses('POST /actions/{id}/updates')['409'].description).toBe(DERIVED_ERRORS.staleVersion);
    // Uploads: 413, 415 (and the scanner's 422, the store's 503, declared on the handler).
    expect(Object.keys(responses('POST /actions/{id}/evidence'))).toEqual(expect.arrayContaining(['400', '403', '404', '413', '415', '422', '503']));
    // Throttled login, readiness.
    expect(Object.keys(responses('POST /auth/login'))).toEqual(['200', '400', '401', '413', '429', 'default']);
    expect(responses('GET /health/ready')['503']).toBeDefined();
    const uuidParam = operations()
      .find((o) => o.route === 'GET /actions/{id}')!
      .operation.parameters?.find((p) => 'name' in p && p.name === 'id');
    expect(uuidParam).toMatchObject({ in: 'path', schema: { type: 'string', format: 'uuid' } });
  });

  it('gives every error response the one error body schema', () => {
    const ref = { $ref: '#/components/schemas/ErrorBodyDto' };
    for (const { route, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, ResponseObject>)) {
        if (!/^[45]\d\d$|^default$/.test(status)) continue;
        expect({ route, status, schema: response.content?.['application/json']?.schema }).toEqual({ route, status, schema: ref });
      }
    }
  });

  it("describes exactly what the error filter sends (ErrorBodyDto against the filter's own bodies)", () => {
    const check = errorBodyChecker(doc);
    const bodies = [
      toErrorBody(AppException.invalidField('dueDate', 'must be a calendar date')),
      toErrorBody(AppException.staleVersion('Action', 4)),
      toErrorBody(AppException.notFound('Action', 'x')),
      toErrorBody(new HttpException('Cannot GET /api/v1/nothing', HttpStatus.NOT_FOUND)),
      toErrorBody(new HttpException({ status: 'error', info: {}, error: { redis: { status: 'down' } } }, HttpStatus.SERVICE_UNAVAILABLE)),
      toErrorBody(Object.assign(new Error('Unexpected end of JSON input'), { type: 'entity.parse.failed', status: 400 })),
      toErrorBody(new Error('boom')),
      toErrorBody(Object.assign(new QueryFailedError('UPDATE action ...', [], new Error('lock timeout')), { code: '55P03' })),
    ].map((body) => ({ ...body, requestId: 'b7c1e2d4-3f5a-4c6b-9d8e-0a1b2c3d4e5f' }));
    for (const body of bodies) expect({ body, problems: check(body) }).toEqual({ body, problems: [] });
    // And it is a real check: a body without a code, or with a code nobody declared, fails.
    expect(check({ ...bodies[0], code: undefined })).not.toEqual([]);
    expect(check({ ...bodies[0], code: 'no_such_code' })).not.toEqual([]);
    expect(check({ ...bodies[0], requestId: undefined })).not.toEqual([]);
    expect(CommonErrorCode.ValidationFailed).toBe(bodies[0].code);
  });

  it(`matches the committed typed client (${CLIENT_TYPES_FILE}; regenerate with npm run openapi:client)`, () => {
    const committed = readFileSync(join(__dirname, '..', CLIENT_TYPES_FILE), 'utf8');
    expect(generateClientTypes(doc) === committed).toBe(true);
  }, 60_000);
});
