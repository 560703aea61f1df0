import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async ping(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      const answer = await withTimeout(this.redis.ping(), 1500);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${String(answer)}` });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }
}
