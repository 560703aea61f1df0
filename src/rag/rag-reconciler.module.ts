import { Module } from '@nestjs/common';
import { RagReconciler } from './jobs/rag-reconciler.service';
import { SnapshotCoverageRepository } from './jobs/snapshot-coverage.repository';

/**
 * Rag: what the worker's maintenance needs of it (the catch-up of a lost nightly run), without the
 * computing: every worker runs maintenance, whatever its WORKER_QUEUES. RagTriggerService, which
 * queues the catch-up, is global (RagTriggerModule).
 */
@Module({
  providers: [SnapshotCoverageRepository, RagReconciler],
  exports: [RagReconciler],
})
export class RagReconcilerModule {}
