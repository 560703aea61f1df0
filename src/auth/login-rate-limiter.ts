import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppException } from '../common/errors/app.exception';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode } from './auth.exception';

export const LOGIN_WINDOW_SECONDS = 60;

/** What a login attempt holds until its outcome is known: give it back on success. */
export interface LoginAttempt {
  keys: string[];
}

/**
 * Fixed-window limits on FAILED logins in Redis, shared by every API replica:
 * - per account and client address (LOGIN_RATE_LIMIT_PER_MINUTE): guessing one account's password;
 * - per client address (5 times that): spraying many accounts from one place.
 * Deliberately not per account alone: then anyone who knows an e-mail address could lock its owner
 * out of their correct password from anywhere. The cost (README, "Hardening"): a guesser with many
 * addresses gets the limit per address; argon2's cost and the 12-character minimum answer that.
 *
 * Each attempt is counted before the password is checked (so parallel guesses cannot slip past the
 * limit together) and handed back when it succeeds, so successes never count.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt; 429 (with `retryAfterSeconds`, sent as Retry-After) when over a limit. */
  async begin(ip: string, email: string): Promise<LoginAttempt> {
    const perAccount = this.config.LOGIN_RATE_LIMIT_PER_MINUTE;
    const perIp = perAccount * 5;
    const prefix = `${this.config.QUEUE_PREFIX}:login`;
    // The address hashed: a key of bounded size whatever a client sends (the same limit for the same address).
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    const keys = [`${prefix}:account-ip:${account}|${ip}`, `${prefix}:ip:${ip}`];
    const results = await this.redis
      .multi()
      .incr(keys[0])
      .expire(keys[0], LOGIN_WINDOW_SECONDS, 'NX')
      .incr(keys[1])
      .expire(keys[1], LOGIN_WINDOW_SECONDS, 'NX')
      .exec();
    const accountCount = Number(results?.[0]?.[1] ?? 0);
    const ipCount = Number(results?.[2]?.[1] ?? 0);
    if (accountCount > perAccount || ipCount > perIp) {
      // A refused attempt is not a guess: give it back, so the window is not prolonged by retries.
      await this.release({ keys });
      const ttl = await this.redis.ttl(accountCount > perAccount ? keys[0] : keys[1]);
      throw new AppException(429, AuthErrorCode.TooManyLoginAttempts, 'Too many failed login attempts; try again later', {
        retryAfterSeconds: ttl > 0 ? ttl : LOGIN_WINDOW_SECONDS,
      });
    }
    return { keys };
  }

  /** The attempt succeeded: it does not count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.release(attempt);
  }

  private async release({ keys }: LoginAttempt): Promise<void> {
    const multi = this.redis.multi();
    for (const key of keys) multi.decr(key);
    await multi.exec();
  }
}
