import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CLOCK, Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { heartbeatKey } from '../queue/queues';
import { REDIS } from '../redis/redis.module';

/** Proves the worker is wired: records the time of its last heartbeat in Redis. */
@Injectable()
export class HeartbeatService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async beat(): Promise<{ at: string }> {
    const at = this.clock.now().toISOString();
    await this.redis.set(heartbeatKey(this.config.QUEUE_PREFIX), at);
    return { at };
  }
}
