import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { withinDeadline } from '../common/errors/dependency-unavailable.error';
import { ALL_QUEUES, schedulersOf } from '../queue/queues';
import { HEALTH_DEADLINE_MS } from './redis.health';

/**
 * Whether a worker is consuming each queue (BullMQ lists connected workers per queue, under this
 * deployment's prefix only) and whether the queue's job schedulers exist.
 * A queue with no consumer is reported, so jobs never pile up silently; it does not fail
 * readiness of the API itself, which can still serve reads.
 */
@Injectable()
export class QueuesHealthIndicator {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async consumers(key = 'queues') {
    const check = this.indicator.check(key);
    try {
      const entries = await withinDeadline(
        Promise.all(
        ALL_QUEUES.map(async (name) => {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          const expected = schedulersOf(name);
          const [workers, waiting, active, failed, found] = await Promise.all([
            queue.getWorkersCount(),
            queue.getWaitingCount(),
            queue.getActiveCount(),
            queue.getFailedCount(),
            Promise.all(expected.map((id) => queue.getJobScheduler(id))),
          ]);
          const missingSchedulers = expected.filter((_, i) => !found[i]);
          // A queue whose schedules are gone (Redis restarted without persistence) is not being consumed
          // as it should, whatever its workers: the reconciler re-creates them within RECONCILE_INTERVAL_SECONDS.
          return [name, { workers, consuming: workers > 0 && missingSchedulers.length === 0, missingSchedulers, waiting, active, failed }] as const;
        }),
        ),
        HEALTH_DEADLINE_MS,
        'queue statistics',
      );
      return check.up(Object.fromEntries(entries));
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }
}
