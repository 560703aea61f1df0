import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { withinDeadline } from '../common/errors/dependency-unavailable.error';
import { REDIS } from '../redis/redis.module';

/** Each readiness check gives up after this, so /health/ready answers 503 within about this long when Redis is down. */
export const HEALTH_DEADLINE_MS = 1500;

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async ping(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      const answer = await withinDeadline(this.redis.ping(), HEALTH_DEADLINE_MS, 'ping');
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${String(answer)}` });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }
}
