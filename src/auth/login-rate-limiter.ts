import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppException } from '../common/errors/app.exception';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode } from './auth.exception';

const WINDOW_SECONDS = 60;

/**
 * Fixed-window login limits in Redis, shared by every API replica: per email (guessing one
 * account's password) and, more loosely, per client IP (spraying many accounts).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(ip: string, email: string): Promise<void> {
    const perEmail = this.config.LOGIN_RATE_LIMIT_PER_MINUTE;
    const perIp = perEmail * 5;
    const prefix = `${this.config.QUEUE_PREFIX}:login`;
    const keys = [`${prefix}:email:${email.trim().toLowerCase()}`, `${prefix}:ip:${ip}`];
    const results = await this.redis
      .multi()
      .incr(keys[0])
      .expire(keys[0], WINDOW_SECONDS, 'NX')
      .incr(keys[1])
      .expire(keys[1], WINDOW_SECONDS, 'NX')
      .exec();
    const emailCount = Number(results?.[0]?.[1] ?? 0);
    const ipCount = Number(results?.[2]?.[1] ?? 0);
    if (emailCount > perEmail || ipCount > perIp) {
      const ttl = await this.redis.ttl(emailCount > perEmail ? keys[0] : keys[1]);
      throw new AppException(429, AuthErrorCode.TooManyLoginAttempts, 'Too many login attempts; try again later', {
        retryAfterSeconds: ttl > 0 ? ttl : WINDOW_SECONDS,
      });
    }
  }
}
