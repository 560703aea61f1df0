import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { processClock } from './common/clock/clock';
import { ConfigError, loadConfig } from './config/app-config';
import { configureApp } from './configure-app';
import { assertSchemaCurrent, PendingMigrationsError } from './database/pending-migrations';
import { UnsafeDatabaseRoleError } from './database/least-privilege';
import { typeormOptions } from './database/typeorm-options';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await assertSchemaCurrent(typeormOptions(config, 'api'), config.NODE_ENV === 'production' ? 'refuse' : 'warn');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, clock: processClock() }), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  // Server timeouts (REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS) are set in configureApp.
  await app.listen(config.PORT);
}

bootstrap().catch((err: unknown) => {
  // A bad environment or a schema that is behind stops the process with a message saying what to fix.
  if (err instanceof ConfigError || err instanceof PendingMigrationsError || err instanceof UnsafeDatabaseRoleError) {
    process.stderr.write(`improvement-tracker API refused to start. ${err.message}\n`);
  } else {
    process.stderr.write(`improvement-tracker API failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
