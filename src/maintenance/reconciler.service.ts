import { Injectable, Logger } from '@nestjs/common';
import { ImportReconciler, type ImportReconcileReport } from '../imports/jobs/import-reconciler.service';
import { PackReconciler, type PackReconcileReport } from '../packs/jobs/pack-reconciler.service';
import { JobSchedulesRegistry } from '../queue/job-schedules.registry';
import { RagReconciler, type RagPendingReport, type RagReconcileReport } from '../rag/jobs/rag-reconciler.service';

export interface ReconcileReport {
  /** Job schedulers Redis had lost, re-created. */
  schedulersRecreated: string[];
  packs: PackReconcileReport;
  imports: ImportReconcileReport;
  /** The nightly RAG run's catch-up: plans still without today's snapshots once its time has passed, and whole past days lost, backfilled. */
  rag: RagReconcileReport;
  /** Recomputes of plans and actions left recorded (Redis did not take them, or the process died before queueing them), queued now. */
  ragPending: RagPendingReport;
}

/**
 * PostgreSQL is the system of record and Redis can lose everything (a restart without persistence,
 * an eviction, an outage while the API accepted work). Run at worker start and on a schedule, this
 * makes Redis true again: missing job schedulers re-created, packs whose job is lost queued again,
 * packs whose job died marked failed with a reason, import runs whose job was lost queued again
 * (previews) or ended failed (commits, dead jobs), and a lost nightly RAG run caught up: once
 * today's nightly time has passed, each active plan with actions lacking today's snapshot gets its
 * recompute for today, and each whole day of the last two weeks it has no snapshot of at all, its
 * recompute as of that day (RagReconciler), and the recomputes of actions and plans whose records were
 * left in PostgreSQL (each change records its recompute; Redis did not take it, or the process died
 * before queueing it), queued.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);

  constructor(
    private readonly schedules: JobSchedulesRegistry,
    private readonly packs: PackReconciler,
    private readonly imports: ImportReconciler,
    private readonly rag: RagReconciler,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const schedulersRecreated = await this.schedules.repairMissing();
    const packs = await this.packs.reconcile();
    const imports = await this.imports.reconcile();
    const ragPending = await this.rag.requeuePending();
    const rag = await this.rag.reconcile();
    const report = { schedulersRecreated, packs, imports, rag, ragPending };
    const changed =
      schedulersRecreated.length +
        packs.requeued.length +
        packs.failed.length +
        imports.requeued.length +
        imports.failed.length +
        rag.requeued.length +
        rag.backfilled.length +
        ragPending.plans.length +
        ragPending.actions.length >
      0;
    const summary = {
      schedulersRecreated,
      packsChecked: packs.checked,
      packsRequeued: packs.requeued.length,
      packsFailed: packs.failed.length,
      importsChecked: imports.checked,
      importsRequeued: imports.requeued.length,
      importsFailed: imports.failed.length,
      ragDay: rag.day,
      ragPlansChecked: rag.checked,
      ragPlansRequeued: rag.requeued.length,
      ragPlanDaysBackfilled: rag.backfilled.reduce((n, plan) => n + plan.dates.length, 0),
      ragPendingPlansRequeued: ragPending.plans.length,
      ragPendingActionsRequeued: ragPending.actions.length,
    };
    if (changed) this.logger.warn(summary, 'reconciled Redis with PostgreSQL: repairs made');
    else this.logger.log(summary, 'reconciled Redis with PostgreSQL: nothing to repair');
    return report;
  }
}
