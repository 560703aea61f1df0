import { Module } from '@nestjs/common';

/** Inspections: HTTP API side (controllers, services, queue producers). */
@Module({})
export class InspectionsModule {}
