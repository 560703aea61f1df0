import { Module } from '@nestjs/common';

/** Actions: HTTP API side (controllers, services, queue producers). */
@Module({})
export class ActionsModule {}
