import { Module } from '@nestjs/common';

/** Packs: worker side (queue processors, schedulers). */
@Module({})
export class PacksWorkerModule {}
