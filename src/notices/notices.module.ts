import { Module } from '@nestjs/common';

/** Notices: HTTP API side (controllers, services, queue producers). */
@Module({})
export class NoticesModule {}
