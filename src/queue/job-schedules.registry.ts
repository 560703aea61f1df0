import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { QueueName } from './queues';

interface Registration {
  id: string;
  queue: QueueName;
  /** Creates or updates the scheduler (idempotent: an upsert). */
  ensure: () => Promise<void>;
}

/**
 * The job schedulers this worker owns, each with how to create it. Schedulers register when their
 * module initialises and create themselves at start; the reconciler calls `repairMissing()`, which
 * re-creates those Redis no longer has (after a restart without persistence, a FLUSHALL, an
 * eviction) and leaves the others alone, so their next run does not move.
 */
@Injectable()
export class JobSchedulesRegistry {
  private readonly logger = new Logger(JobSchedulesRegistry.name);
  private readonly registrations = new Map<string, Registration>();

  constructor(private readonly moduleRef: ModuleRef) {}

  register(registration: Registration): void {
    this.registrations.set(registration.id, registration);
  }

  /** Creates every registered scheduler (at worker start). */
  async ensureAll(): Promise<void> {
    for (const r of this.registrations.values()) await r.ensure();
  }

  /** Re-creates the registered schedulers missing from Redis; returns their ids. */
  async repairMissing(): Promise<string[]> {
    const repaired: string[] = [];
    for (const r of this.registrations.values()) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(r.queue), { strict: false });
      if (await queue.getJobScheduler(r.id)) continue;
      await r.ensure();
      repaired.push(r.id);
      this.logger.warn({ queue: r.queue, scheduler: r.id }, 'job scheduler was missing from Redis; re-created');
    }
    return repaired;
  }

  registered(): string[] {
    return [...this.registrations.keys()];
  }
}
