import { Module } from '@nestjs/common';

/** Findings: HTTP API side (controllers, services, queue producers). */
@Module({})
export class FindingsModule {}
