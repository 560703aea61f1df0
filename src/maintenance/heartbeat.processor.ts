import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CLOCK, Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { heartbeatKey, QUEUES, type QueueJob } from '../queue/queues';
import { REDIS } from '../redis/redis.module';

/** Proves the worker is wired: records the time of its last heartbeat in Redis. */
@Processor(QUEUES.maintenance)
export class HeartbeatProcessor extends WorkerHost {
  private readonly logger = new Logger(HeartbeatProcessor.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: QueueJob<typeof QUEUES.maintenance>): Promise<{ at: string }> {
    const at = this.clock.now().toISOString();
    await this.redis.set(heartbeatKey(this.config.QUEUE_PREFIX), at);
    this.logger.log({ jobId: job.id, queue: QUEUES.maintenance, job: job.name }, 'heartbeat recorded');
    return { at };
  }
}
