import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { buildOpenApiDocument } from './configure-app';

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
