import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/**
 * Which process a BullMQ connection serves. Workers block on Redis and must retry for ever
 * (BullMQ requires `maxRetriesPerRequest: null` for them); the API only produces, and a producer
 * that retries for ever hangs an HTTP request whose row is already committed while Redis is down.
 */
export type QueueRole = 'producer' | 'worker';

/** How long an API-side Redis command may wait for a connection before it fails (ioredis connect timeout). */
export const PRODUCER_CONNECT_TIMEOUT_MS = 1500;

/** BullMQ's connection options from REDIS_URL, for the API's producers or the worker process. */
export function bullConnection(config: AppConfig, role: QueueRole = 'worker') {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    ...(role === 'worker'
      ? // BullMQ workers need this: a blocking command must survive a reconnection.
        { maxRetriesPerRequest: null }
      : // Producers fail fast: a command gives up after one reconnection attempt (and callers bound it with a deadline).
        { maxRetriesPerRequest: 1, connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS }),
  };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** A plain ioredis client for rate limits and health checks (queues have their own connections). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
