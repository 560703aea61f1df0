import { Module } from '@nestjs/common';
import { RagProcessor } from './jobs/rag.processor';
import { RagScheduler } from './jobs/rag.scheduler';
import { RagCoreModule } from './rag-core.module';

/** Rag: worker side (the RAG queue's processor and the nightly scheduler). */
@Module({
  imports: [RagCoreModule],
  providers: [RagProcessor, RagScheduler],
})
export class RagWorkerModule {}
