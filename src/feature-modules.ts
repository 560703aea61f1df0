import { Type } from '@nestjs/common';
import { ActionsModule } from './actions/actions.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FindingsModule } from './findings/findings.module';
import { ImportsModule } from './imports/imports.module';
import { InspectionsModule } from './inspections/inspections.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NoticesModule } from './notices/notices.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PacksModule } from './packs/packs.module';
import { PlansModule } from './plans/plans.module';
import { RagModule } from './rag/rag.module';
import { RagTriggerModule } from './rag/rag-trigger.module';
import { ReportWordingModule } from './report-wording/report-wording.module';
import { WorkstreamsModule } from './workstreams/workstreams.module';
import type { WorkerQueue } from './queue/queues';
import type { ImportsWorkerModule } from './imports/imports-worker.module';
import type { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import type { PacksWorkerModule } from './packs/packs-worker.module';
import type { RagWorkerModule } from './rag/rag-worker.module';

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

/** What every worker loads besides its queues' modules (the producers their jobs use). */
export const WORKER_SHARED_MODULES: Type[] = [RagTriggerModule, NotificationsModule];

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand: see WORKER_QUEUE_MODULES */
/**
 * Each queue's worker-side module (its processor and schedulers), loaded only by a worker that runs
 * that queue (`WORKER_QUEUES`). Required when chosen, not imported at the top, so a worker without
 * the packs queue never loads the renderers (PDFKit, docx, exceljs, echarts: about 40 MB of RSS).
 */
export const WORKER_QUEUE_MODULES: Record<WorkerQueue, () => Type> = {
  rag: () => (require('./rag/rag-worker.module') as { RagWorkerModule: typeof RagWorkerModule }).RagWorkerModule,
  packs: () => (require('./packs/packs-worker.module') as { PacksWorkerModule: typeof PacksWorkerModule }).PacksWorkerModule,
  notifications: () =>
    (require('./notifications/notifications-worker.module') as { NotificationsWorkerModule: typeof NotificationsWorkerModule }).NotificationsWorkerModule,
  imports: () => (require('./imports/imports-worker.module') as { ImportsWorkerModule: typeof ImportsWorkerModule }).ImportsWorkerModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The worker's feature modules for the queues it runs. */
export function workerFeatureModules(queues: readonly WorkerQueue[]): Type[] {
  return [...WORKER_SHARED_MODULES, ...queues.map((queue) => WORKER_QUEUE_MODULES[queue]())];
}
