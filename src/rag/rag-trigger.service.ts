import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUES, RAG_JOBS, RecomputeActionPayload } from '../queue/queues';

/**
 * Called by every feature after a change that can affect an action's colour (milestone, status,
 * progress update, evidence upload or review, override). Enqueues a recompute of that action,
 * deduplicated by action id: while one is waiting, a burst of further edits adds nothing (the job
 * reads the state when it runs, so it sees them all). An edit that arrives while that action's job
 * is already running (it may have read the state before the edit) queues exactly one more job,
 * started when the running one ends (`keepLastIfActive`), so no edit is ever left uncoloured.
 *
 * Call it AFTER the transaction commits, so the worker never reads the state before the change.
 * A failure to enqueue is logged, not thrown: the change is saved, and the nightly run recomputes.
 */
@Injectable()
export class RagTriggerService {
  private readonly logger = new Logger(RagTriggerService.name);

  constructor(@InjectQueue(QUEUES.rag) private readonly queue: Queue) {}

  async actionChanged(organisationId: string, actionId: string): Promise<void> {
    const payload: RecomputeActionPayload = { organisationId, actionId };
    try {
      await this.queue.add(RAG_JOBS.recomputeAction, payload, {
        deduplication: { id: `action:${actionId}`, keepLastIfActive: true },
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600, count: 1000 },
      });
    } catch (err) {
      this.logger.error({ err, organisationId, actionId }, 'could not enqueue RAG recompute; the nightly run will catch up');
    }
  }
}
