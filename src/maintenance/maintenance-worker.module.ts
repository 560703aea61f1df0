import { Module } from '@nestjs/common';
import { HeartbeatProcessor } from './heartbeat.processor';
import { MaintenanceScheduler } from './maintenance-scheduler';

@Module({ providers: [HeartbeatProcessor, MaintenanceScheduler] })
export class MaintenanceWorkerModule {}
