import { Module } from '@nestjs/common';

/** Rag: HTTP API side (controllers, services, queue producers). */
@Module({})
export class RagModule {}
