import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { processClock } from './common/clock/clock';
import { ConfigError, loadConfig } from './config/app-config';
import { assertSchemaCurrent, PendingMigrationsError } from './database/pending-migrations';
import { UnsafeDatabaseRoleError } from './database/least-privilege';
import { typeormOptions } from './database/typeorm-options';
import { WorkerShutdownService } from './queue/worker-shutdown.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await assertSchemaCurrent(typeormOptions(config, 'worker'), config.NODE_ENV === 'production' ? 'refuse' : 'warn');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, clock: processClock() }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  stopOnSignals(app);
  app.get(Logger).log(`worker started (queue prefix "${config.QUEUE_PREFIX}"; queues ${[...config.WORKER_QUEUES, 'maintenance'].join(', ')})`);
}

/**
 * SIGTERM (a deploy, a scale-down) and SIGINT: the queue workers first, waiting for their active jobs,
 * then Nest's teardown (src/queue/worker-shutdown.ts). Not app.enableShutdownHooks(): that tears the
 * render thread, Redis and the database down while jobs still run, and ends the process by signal.
 */
function stopOnSignals(app: INestApplicationContext): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal changes nothing: the grace period already bounds the wait.
    if (stopping) return;
    stopping = true;
    void app
      .get(WorkerShutdownService)
      .stop(signal, () => app.close())
      .then(
        ({ exitCode }) => process.exit(exitCode),
        (err: unknown) => {
          process.stderr.write(`improvement-tracker worker failed to stop: ${(err as Error)?.stack ?? String(err)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PendingMigrationsError || err instanceof UnsafeDatabaseRoleError) {
    process.stderr.write(`improvement-tracker worker refused to start. ${err.message}\n`);
  } else {
    process.stderr.write(`improvement-tracker worker failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
