import { Module } from '@nestjs/common';

/** Rag: worker side (queue processors, schedulers). */
@Module({})
export class RagWorkerModule {}
