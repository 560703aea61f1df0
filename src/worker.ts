import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { processClock } from './common/clock/clock';
import { ConfigError, loadConfig } from './config/app-config';
import { assertSchemaCurrent, PendingMigrationsError } from './database/pending-migrations';
import { UnsafeDatabaseRoleError } from './database/least-privilege';
import { typeormOptions } from './database/typeorm-options';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await assertSchemaCurrent(typeormOptions(config), config.NODE_ENV === 'production' ? 'refuse' : 'warn');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, clock: processClock() }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log(`worker started (queue prefix "${config.QUEUE_PREFIX}"; queues ${[...config.WORKER_QUEUES, 'maintenance'].join(', ')})`);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PendingMigrationsError || err instanceof UnsafeDatabaseRoleError) {
    process.stderr.write(`improvement-tracker worker refused to start. ${err.message}\n`);
  } else {
    process.stderr.write(`improvement-tracker worker failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
