import { Module } from '@nestjs/common';

/** Packs: HTTP API side (controllers, services, queue producers). */
@Module({})
export class PacksModule {}
