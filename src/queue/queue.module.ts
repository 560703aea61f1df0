import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { bullConnection, type QueueRole } from '../redis/redis.module';
import { JobSchedulesRegistry } from './job-schedules.registry';
import { QueueErrorLogger } from './queue-error-logger';
import { ALL_QUEUES } from './queues';

/**
 * BullMQ on Redis for both processes; every queue registered once so producers and health can inject
 * it. The API's connections are producers' (they fail fast when Redis is down); the worker's retry for
 * ever, as BullMQ's blocking workers require.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: bullConnection(config, role),
            prefix: config.QUEUE_PREFIX,
            defaultJobOptions: {
              attempts: 5,
              backoff: { type: 'exponential', delay: 2000 },
              removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [QueueErrorLogger, JobSchedulesRegistry],
      exports: [BullModule, JobSchedulesRegistry],
    };
  }
}
