import { Global, Module } from '@nestjs/common';
import { RagPendingRepository } from './pending/rag-pending.repository';
import { RagTriggerService } from './rag-trigger.service';

/**
 * Global so plan and evidence features can ask for a recompute without importing the RAG feature.
 * RagPendingRepository: recomputes that could not be queued, kept for the reconciler.
 */
@Global()
@Module({ providers: [RagTriggerService, RagPendingRepository], exports: [RagTriggerService, RagPendingRepository] })
export class RagTriggerModule {}
