import { Module } from '@nestjs/common';

/** Workstreams: HTTP API side (controllers, services, queue producers). */
@Module({})
export class WorkstreamsModule {}
