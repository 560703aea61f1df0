import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { ALL_QUEUES } from './queues';

/** At most one log line per queue in this long while its connection keeps failing. */
const QUIET_MS = 60_000;

/**
 * A queue whose Redis connection fails emits 'error' on every reconnection attempt; without a
 * listener BullMQ prints each to the console. This logs them once a minute per queue, as a warning:
 * with Redis down the API keeps serving (enqueueing is best effort) and the reconciler repairs.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (err: Error) => {
        const now = Date.now();
        if (now - (this.lastLogged.get(name) ?? 0) < QUIET_MS) return;
        this.lastLogged.set(name, now);
        this.logger.warn({ queue: name, err: { message: err.message } }, 'Redis connection of a queue failing (repeats are not logged for a minute)');
      });
    }
  }
}
