import { Type } from '@nestjs/common';
import { ActionsModule } from './actions/actions.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FindingsModule } from './findings/findings.module';
import { ImportsModule } from './imports/imports.module';
import { ImportsWorkerModule } from './imports/imports-worker.module';
import { InspectionsModule } from './inspections/inspections.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NoticesModule } from './notices/notices.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { PacksModule } from './packs/packs.module';
import { PacksWorkerModule } from './packs/packs-worker.module';
import { PlansModule } from './plans/plans.module';
import { RagModule } from './rag/rag.module';
import { RagTriggerModule } from './rag/rag-trigger.module';
import { RagWorkerModule } from './rag/rag-worker.module';
import { ReportWordingModule } from './report-wording/report-wording.module';
import { WorkstreamsModule } from './workstreams/workstreams.module';

/** The domain feature modules of the API; each feature registers itself in one line here. */
export const FEATURE_MODULES: Type[] = [
  RagTriggerModule,
  NotificationsModule,
  PlansModule,
  MeetingsModule,
  InspectionsModule,
  NoticesModule,
  DeadlinesModule,
  FindingsModule,
  WorkstreamsModule,
  ActionsModule,
  EvidenceModule,
  RagModule,
  PacksModule,
  ReportWordingModule,
  ImportsModule,
];

/** Their worker-side modules (queue processors, schedulers). */
export const WORKER_FEATURE_MODULES: Type[] = [RagTriggerModule, NotificationsModule, RagWorkerModule, PacksWorkerModule, NotificationsWorkerModule, ImportsWorkerModule];
