import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { BEARER_SCHEME, completeContract } from './common/openapi/complete-contract';
import { collectRouteFacts } from './common/openapi/route-facts';
import { loadConfig } from './config/app-config';
import { documentErrorBodies, ErrorBodyDto } from './error-catalogue';

/**
 * The OpenAPI document of an app, as served at `/api/docs-json`: what the decorators say, completed
 * by the contract rules (src/common/openapi/complete-contract.ts) and the one error body.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('improvement-tracker API')
    .setDescription(
      'Improvement action plans after regulator findings (CQC, Ofsted, Section 50 notices): findings, actions, owners, ' +
        'milestones, evidence, RAG status and progress packs. All routes need a bearer token from POST /api/v1/auth/login ' +
        'except login, health and these docs. Errors are JSON `{ statusCode, error, code, message, details?, requestId }` ' +
        '(ErrorBodyDto); `code` is stable: branch on it.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  // No licence is granted (package.json: "UNLICENSED", whose meaning npm's documentation gives); said rather than left unsaid.
  doc.info.license = { name: 'UNLICENSED: proprietary, no licence granted', url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license' };
  const document = SwaggerModule.createDocument(app, doc, { extraModels: [ErrorBodyDto] });
  return documentErrorBodies(completeContract(document, collectRouteFacts(app)));
}

/**
 * The OpenAPI document without a server, database or Redis: Nest's preview mode builds the module
 * graph (controllers and their decorators) but no providers, so nothing connects. The same
 * document as `/api/docs-json` serves (an integration test compares them); used by
 * `npm run openapi:export` and the contract tests. The configuration is the development default,
 * never the environment's, so the document is the same wherever it is built.
 */
export async function buildOfflineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
