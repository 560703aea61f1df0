import { Global, Module } from '@nestjs/common';
import { RagTriggerService } from './rag-trigger.service';

/** Global so plan and evidence features can ask for a recompute without importing the RAG feature. */
@Global()
@Module({ providers: [RagTriggerService], exports: [RagTriggerService] })
export class RagTriggerModule {}
