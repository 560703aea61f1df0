import { Module } from '@nestjs/common';

/** Evidence: HTTP API side (controllers, services, queue producers). */
@Module({})
export class EvidenceModule {}
