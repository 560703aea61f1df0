import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { applyStatusChange, NEW_ACTION_STATE, type ActionStatusState } from '../../actions/action-status';
import { isDoneStatus } from '../../vocabulary/action-status';
import { AuditService, type AuditRecord } from '../../audit/audit.service';
import { CLOCK, Clock } from '../../common/clock/clock';
import { londonToday, type CalendarDate } from '../../common/dates/calendar-date';
import { isPlanManager, planClosedException } from '../../common/auth/access-policy';
import { AppException } from '../../common/errors/app.exception';
import type { RequestContextStore } from '../../common/request-context/request-context';
import { FindingEntity } from '../../findings/entities/finding.entity';
import type { PendingRecompute } from '../../rag/pending/rag-pending.repository';
import { type RagChanges, RagTriggerService } from '../../rag/rag-trigger.service';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { WorkstreamEntity } from '../../workstreams/entities/workstream.entity';
import type { ImportCounts, ImportRunEntity } from '../entities/import-run.entity';
import { ImportException } from '../imports.exception';
import type { ImportParseResult } from '../import-result';
import { ImportsRepository, type ActionUpdateRow, type FindingLinkRow, type ImportedActionRow, type NewActionRow, type NewMilestoneRow } from '../imports.repository';
import { parseColumnMapping } from '../mapping/column-mapping';
import { parseImportFile, type ParseImportOptions } from '../parse-import-file';
import { CACHED_FILE_MAX_BYTES, ParsedFileCache } from './parsed-file-cache';
import { ownerKey } from '../preview/import-choices';
import { actionFingerprint, planImport, type DesiredAction, type ImportPlan, type PlanSnapshot, type RowRef, type SnapshotAction } from '../preview/import-preview';
import type { ImportJobPayload } from '../../queue/queues';

/** Past this many changed actions, one plan-wide recompute is queued instead of one job per action. */
const PER_ACTION_RECOMPUTE_MAX = 50;

/** `phases`: milliseconds per step of the job (read the file, compare, write...), for the logs and the benchmark. */
export type ImportJobOutcome = { outcome: 'previewed' | 'committed' | 'failed' | 'skipped'; counts?: ImportCounts; phases?: Record<string, number> };

/** Milliseconds since the last lap, by step name. */
class Phases {
  readonly ms: Record<string, number> = {};
  private last = performance.now();

  lap(name: string): void {
    const now = performance.now();
    this.ms[name] = (this.ms[name] ?? 0) + Math.round(now - this.last);
    this.last = now;
  }
}

/**
 * The import's long work, in the worker: the preview (read the stored file, compare it with the
 * plan, store what a commit would do) and the commit (the same comparison again on a fresh
 * snapshot inside ONE transaction, then the writes, audit events and the run's counts). A file
 * that cannot be imported at all ends the run as `failed` with the error's code; nothing is written.
 */
@Injectable()
export class ImportProcessingService {
  private readonly logger = new Logger(ImportProcessingService.name);
  private readonly parsed = new ParsedFileCache();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ImportsRepository,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    private readonly cls: ClsService<RequestContextStore>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(payload: ImportJobPayload, jobId: string): Promise<ImportJobOutcome> {
    const run = await this.repository.findRun(payload.organisationId, payload.importRunId);
    if (!run || run.status !== 'previewing') return { outcome: 'skipped' };
    const phases = new Phases();
    try {
      const parse = await this.parse(run, phases);
      const snapshot = await this.repository.snapshot(this.dataSource.manager, run.organisationId, run.planId);
      phases.lap('snapshot');
      const plan = planImport(parse, snapshot, run.choices);
      phases.lap('compare');
      await this.repository.updateRun(run.id, { status: 'previewed', preview: plan.preview, mapping: parse.mapping, error: null, jobId });
      phases.lap('store');
      this.logger.debug({ importRunId: run.id, phases: phases.ms }, 'import previewed');
      return { outcome: 'previewed', phases: phases.ms };
    } catch (err) {
      return this.failIfRefused(run, err);
    }
  }

  async commit(payload: ImportJobPayload, jobId: string): Promise<ImportJobOutcome> {
    const run = await this.repository.findRun(payload.organisationId, payload.importRunId);
    if (!run || run.status !== 'committing') return { outcome: 'skipped' };
    const user = await this.repository.authUser(payload.requestedById);
    if (!user || user.organisationId !== run.organisationId) {
      await this.repository.updateRun(run.id, { status: 'failed', error: { code: 'import_user_gone', message: 'The person who asked for the commit can no longer sign in: nothing was written.' } });
      return { outcome: 'failed' };
    }
    const phases = new Phases();
    let parse: ImportParseResult;
    try {
      parse = await this.parse(run, phases);
    } catch (err) {
      return this.failIfRefused(run, err);
    }
    // The audit trail's actor is the person who confirmed the commit.
    return this.cls.run(async () => {
      this.cls.set('user', user);
      this.cls.set('jobId', jobId);
      let result: Awaited<ReturnType<ImportProcessingService['write']>> | null;
      const recompute = this.rag.changes();
      let planRecompute: PendingRecompute | null = null;
      try {
        result = await this.dataSource.transaction(async (manager) => {
          await this.repository.lockPlanImports(manager, run.planId);
          const locked = await this.repository.lockRun(manager, run.organisationId, run.id);
          if (!locked || locked.status !== 'committing') return null;
          // The job may have waited in the queue: the person who confirmed the commit must still
          // build the plan (read as the job started), and the plan must still be open (its row is
          // locked, so it cannot close before this commits). Else the run fails; nothing is written.
          if (!isPlanManager(user, run)) throw AppException.forbidden('only admin and board members of the plan can commit an import');
          if (await this.repository.lockPlanClosed(manager, run.planId)) throw planClosedException();
          // The plan's actions locked before they are read: an edit committed while the file is
          // compared would otherwise be overwritten by values built from the read (a lost update).
          // Edits wait for the commit, then find a new version (409 stale) and are made again.
          await this.repository.lockPlanActions(manager, run.planId);
          phases.lap('lock');
          // Its owner candidates held too: none can leave the plan before the actions given them are written.
          const snapshot = await this.repository.snapshot(manager, run.organisationId, run.planId, true);
          phases.lap('snapshot');
          const plan = planImport(parse, snapshot, run.choices);
          phases.lap('compare');
          // The API refused a commit with undecided owners, but a user matched at preview may have left the
          // plan (or been deactivated) since: their rows are never silently given to whoever commits.
          await this.assertOwnersStillDecided(run, parse, plan);
          const written = await this.write(manager, run, plan, snapshot, user.id, phases);
          // The recompute is recorded with the import (after its audit records), queued once it commits.
          if (written.changedActionIds.length > PER_ACTION_RECOMPUTE_MAX) {
            planRecompute = await this.rag.recordPlan(manager, run.organisationId, run.planId, user.id);
          } else {
            await recompute.actions(manager, run.organisationId, written.changedActionIds);
          }
          await this.repository.saveMapping(manager, {
            organisationId: run.organisationId,
            planId: run.planId,
            mapping: parse.mapping,
            statusWords: run.choices.statusWords ?? {},
            ownerMatches: run.choices.ownerMatches ?? {},
            updatedById: user.id,
          });
          await this.repository.updateRun(
            run.id,
            { status: 'committed', preview: plan.preview, mapping: parse.mapping, counts: written.counts, committedAt: this.clock.now(), committedById: user.id, auditEvents: written.auditEvents, error: null, jobId },
            manager,
          );
          phases.lap('store');
          return written;
        });
      } catch (err) {
        this.parsed.forgetRun(run.id);
        return this.failIfRefused(run, err);
      }
      phases.lap('transaction_commit');
      this.parsed.forgetRun(run.id);
      if (!result) return { outcome: 'skipped' as const };
      await this.queueRecompute(run, recompute, planRecompute);
      phases.lap('queue_recompute');
      this.logger.debug({ importRunId: run.id, phases: phases.ms }, 'import committed');
      return { outcome: 'committed' as const, counts: result.counts, phases: phases.ms };
    });
  }

  /** Every owner of the file is matched, mapped or left unassigned on the commit's own snapshot; else the commit is refused (rolled back). */
  private async assertOwnersStillDecided(run: ImportRunEntity, parse: ImportParseResult, plan: ImportPlan): Promise<void> {
    const undecided = plan.preview.unmatchedOwners.filter((o) => !o.matchedTo && !o.leftUnassigned);
    if (undecided.length === 0) return;
    const named = await Promise.all(
      undecided.map(async (o) => {
        // The user it meant: the mapping's choice, else the one the preview matched by the file's email or exact name.
        const chosen = run.choices.ownerMatches?.[o.key];
        const owner = parse.rows.find((r) => r.values.owner && ownerKey(r.values.owner.raw) === o.key)?.values.owner;
        const userName = chosen ? ((await this.repository.userNames([chosen])).get(chosen) ?? null) : owner ? await this.repository.userNameByEmailOrName(run.organisationId, owner.email, owner.name) : null;
        return { text: o.text, rows: o.rows, userName };
      }),
    );
    this.logger.warn({ importRunId: run.id, organisationId: run.organisationId, owners: undecided.map((o) => o.text) }, 'import commit refused: owners no longer in the plan');
    throw ImportException.ownersLeftPlan(named);
  }

  /** The last attempt failed on something unexpected: the run says so rather than spinning for ever. */
  async markFailed(payload: ImportJobPayload, err: unknown): Promise<void> {
    this.logger.error({ err, importRunId: payload.importRunId }, 'import job gave up');
    await this.repository.updateRun(payload.importRunId, {
      status: 'failed',
      error: { code: 'import_job_failed', message: 'The import could not be finished because of a problem on our side: nothing was written. Try again, and quote this import if it happens again.' },
    });
  }

  /** Reads the stored file with the run's choices, or takes the result this process got for the same file and choices (ParsedFileCache). */
  private async parse(run: ImportRunEntity, phases: Phases): Promise<ImportParseResult> {
    const saved = await this.repository.findMapping(run.organisationId, run.planId);
    const options: ParseImportOptions = {
      today: londonToday(this.clock.now()),
      savedMapping: saved ? parseColumnMapping(saved.mapping) : undefined,
      chosenColumns: run.choices.columns,
      statusWords: { ...(saved?.statusWords ?? {}), ...(run.choices.statusWords ?? {}) },
      sheetName: run.choices.sheetName,
      headerRowNumber: run.choices.headerRowNumber,
    };
    const key = `${run.id}|${run.storageKey}|${run.sha256}|${run.sizeBytes}|${run.fileName}|${JSON.stringify(options)}`;
    const now = this.clock.now().getTime();
    const cached = this.parsed.get(key, now);
    if (cached) {
      phases.lap('read_cached');
      return cached;
    }
    const storage = this.storage;
    const result = await parseImportFile(
      {
        fileName: run.fileName,
        size: run.sizeBytes,
        open: async function* () {
          yield* (await storage.get(run.storageKey)) as AsyncIterable<Buffer>;
        },
      },
      options,
    );
    if (run.sizeBytes <= CACHED_FILE_MAX_BYTES) this.parsed.set(key, result, now);
    phases.lap('read');
    return result;
  }

  /** A refused file (or choice) ends the run with its code; anything else is retried by the queue. */
  private async failIfRefused(run: ImportRunEntity, err: unknown): Promise<ImportJobOutcome> {
    if (err instanceof ImportException || err instanceof AppException) {
      await this.repository.updateRun(run.id, { status: 'failed', error: { code: err.code, message: err.message, details: err.details ?? null } });
      this.logger.warn({ importRunId: run.id, organisationId: run.organisationId, code: err.code }, 'import refused');
      return { outcome: 'failed' };
    }
    throw err;
  }

  /** The writes of a commit, on the transaction's manager. */
  private async write(manager: EntityManager, run: ImportRunEntity, plan: ImportPlan, snapshot: PlanSnapshot, userId: string, phases: Phases): Promise<{ counts: ImportCounts; auditEvents: number; changedActionIds: string[] }> {
    const { organisationId, planId } = run;
    const now = this.clock.now();
    const today = londonToday(now);
    const audit: AuditRecord[] = [];
    const how = { importRunId: run.id, fileName: run.fileName };

    // 1. New workstreams and findings.
    const workstreamIds = new Map<string, string>();
    if (plan.newWorkstreams.length) {
      const ids = await this.repository.insertReturningIds(
        manager,
        WorkstreamEntity,
        plan.newWorkstreams.map((w, i) => ({ organisationId, planId, code: w.code, title: w.title, description: '', leadRole: null, sortOrder: 1000 + i })),
      );
      plan.newWorkstreams.forEach((w, i) => {
        workstreamIds.set(w.key, ids[i]);
        audit.push({ entityType: 'workstream', entityId: ids[i], action: 'import_create', planId, after: { code: w.code, title: w.title, planId, ...how } });
      });
    }
    const findingIds = new Map<string, string>();
    const inspectionId = snapshot.inspectionId;
    if (plan.newFindings.length && inspectionId) {
      const ids = await this.repository.insertReturningIds(
        manager,
        FindingEntity,
        plan.newFindings.map((f) => ({ organisationId, planId, inspectionId, noticeId: null, reference: f.reference, title: f.title, text: f.text, theme: null, score: null, type: 'area_for_improvement' })),
      );
      plan.newFindings.forEach((f, i) => {
        findingIds.set(f.key, ids[i]);
        audit.push({ entityType: 'finding', entityId: ids[i], action: 'import_create', planId, after: { reference: f.reference, title: f.title, planId, ...how } });
      });
    }
    const resolve = (ref: RowRef): string => ('id' in ref ? ref.id : (workstreamIds.get(ref.newKey) ?? findingIds.get(ref.newKey) ?? ''));

    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, conflicts: 0, skipped: plan.preview.counts.actions.skipped };
    const imported: ImportedActionRow[] = [];
    const changed: string[] = [];
    const milestones: NewMilestoneRow[] = [];
    const links: FindingLinkRow[] = [];
    const record = (actionId: string, reference: string, fileHash: string, after: SnapshotAction): void => {
      imported.push({ actionId, organisationId, planId, importRunId: run.id, reference, fileHash, writtenHash: actionFingerprint(after), importedAt: now });
    };

    // 2. New actions: ids chosen here, so links, milestones and audit events need no read-back.
    const actions: NewActionRow[] = [];
    for (const w of plan.work) {
      if (w.outcome !== 'create') continue;
      const d = w.desired;
      const id = randomUUID();
      const state = statusFor(NEW_ACTION_STATE, d.status ?? 'not_started', today);
      const row = {
        organisationId,
        planId,
        reference: d.reference,
        title: d.title,
        description: d.description,
        workstreamId: resolve(d.workstream ?? { newKey: '' }),
        ownerId: d.ownerId ?? userId,
        leadAgency: d.leadAgency,
        startDate: d.startDate,
        dueDate: d.dueDate,
        successMeasures: d.successMeasures,
        ...state,
        statusRecordedAt: now,
        statusRecordedById: userId,
      };
      actions.push({ ...NEW_ACTION_STATE, ...row, id });
      const fids = d.findings.map(resolve).filter((f) => f !== '');
      for (const findingId of fids) links.push({ actionId: id, findingId, organisationId });
      w.newMilestones.forEach((m, order) => milestones.push(milestoneRow(organisationId, id, m, order, row.dueDate, now, userId)));
      record(id, d.reference, w.fileHash, { ...NEW_ACTION_STATE, ...row, id, findingIds: fids, milestones: w.newMilestones.map(({ title, dueDate }) => ({ title, dueDate })) });
      audit.push({
        entityType: 'action',
        entityId: id,
        action: 'import_create',
        planId,
        after: { ...row, findingIds: fids, milestones: w.newMilestones.map((m) => `${m.title} (${m.dueDate})`), ...how, sourceRow: `'${w.sheet}' row ${w.row}` },
      });
      changed.push(id);
      counts.created++;
    }

    // 3. Updates (and conflicts the user settled with the file's values).
    const canOwn = new Set(snapshot.members.map((m) => m.id));
    const updates: ActionUpdateRow[] = [];
    const relinked: string[] = [];
    for (const w of plan.work) {
      const existing = w.existing;
      if (!existing) continue;
      const takeFile = w.outcome === 'update' || (w.outcome === 'conflict' && run.choices.resolutions?.[w.desired.reference] === 'file');
      if (w.outcome === 'unchanged') {
        counts.unchanged++;
        continue;
      }
      if (w.outcome === 'conflict' && !takeFile) {
        counts.conflicts++;
        // Kept as the system has it: remember the file's values so the same file is quiet next time.
        if (w.keepSystem) record(existing.id, w.desired.reference, w.fileHash, existing);
        continue;
      }
      const after = applyDesired(existing, w.desired, resolve);
      // Left open (or reopened) with an owner who can no longer own it (gone from the plan): held by
      // the person importing, as a new action left unassigned is, until the board reassigns it.
      if (!isDoneStatus(after.status) && !canOwn.has(after.ownerId)) after.ownerId = userId;
      const before = existing;
      const state = after.status !== before.status ? statusFor(currentState(before), after.status, today) : null;
      updates.push({
        id: existing.id,
        title: after.title,
        description: after.description,
        workstreamId: after.workstreamId,
        ownerId: after.ownerId,
        leadAgency: after.leadAgency,
        startDate: after.startDate,
        dueDate: after.dueDate,
        successMeasures: after.successMeasures,
        setStatus: state !== null,
        status: state?.status ?? null,
        completedOn: state?.completedOn ?? null,
        effectivenessCheckDue: state?.effectivenessCheckDue ?? null,
        embeddedOn: state?.embeddedOn ?? null,
        statusRecordedAt: state ? now : null,
        statusRecordedById: state ? userId : null,
        setProgress: state?.progressPercent !== undefined,
        progressPercent: state?.progressPercent ?? null,
        datesRecordedAt: now,
      });
      if (w.desired.findings.length) {
        relinked.push(existing.id);
        for (const findingId of after.findingIds) links.push({ actionId: existing.id, findingId, organisationId });
      }
      const start = existing.milestones.length;
      w.newMilestones.forEach((m, i) => milestones.push(milestoneRow(organisationId, existing.id, m, start + i, after.dueDate, now, userId)));
      after.milestones = [...existing.milestones, ...w.newMilestones.map(({ title, dueDate }) => ({ title, dueDate }))];
      record(existing.id, w.desired.reference, w.fileHash, after);
      audit.push({
        entityType: 'action',
        entityId: existing.id,
        action: 'import_update',
        planId,
        before: { ...before, milestones: undefined },
        after: { ...after, milestones: undefined, ...(w.newMilestones.length ? { milestonesAdded: w.newMilestones.map((m) => `${m.title} (${m.dueDate})`) } : {}), ...how, sourceRow: `'${w.sheet}' row ${w.row}` },
      });
      changed.push(existing.id);
      counts.updated++;
    }

    // 4. The writes, each a few set-based statements whatever the number of rows.
    phases.lap('prepare_rows');
    await this.repository.insertActions(manager, actions);
    phases.lap('write_actions');
    await this.repository.updateActions(manager, organisationId, updates);
    await this.repository.deleteFindingLinks(manager, relinked);
    await this.repository.insertFindingLinks(manager, links);
    await this.repository.insertMilestones(manager, milestones);
    phases.lap('write_updates_links_milestones');
    await this.repository.upsertImported(manager, imported);
    phases.lap('write_imported');
    await this.audit.recordMany(manager, audit);
    phases.lap('write_audit');
    return { counts, auditEvents: audit.length, changedActionIds: changed };
  }

  /** After the commit: a few actions' recomputes one by one, a large import's as one plan-wide recompute. */
  private async queueRecompute(run: ImportRunEntity, recompute: RagChanges, planRecompute: PendingRecompute | null): Promise<void> {
    await recompute.queue();
    if (!planRecompute) return;
    try {
      await this.rag.planChanged(planRecompute);
    } catch (err) {
      // The import stands; its recompute stays recorded for the reconciler.
      this.logger.error({ err, importRunId: run.id }, "could not enqueue the RAG recompute after an import; recorded for the worker's reconciler");
    }
  }
}

function currentState(a: SnapshotAction): ActionStatusState {
  return { ...NEW_ACTION_STATE, status: a.status, progressPercent: a.status === 'complete' || a.status === 'embedded' ? 100 : 0 };
}

/** The status rules of the API, reaching embedded through complete (a file may say "embedded" for a new action). */
function statusFor(from: ActionStatusState, status: DesiredAction['status'] & string, today: CalendarDate): Partial<ActionStatusState> {
  const via = status === 'embedded' && from.status !== 'complete' && from.status !== 'embedded' ? applyStatusChange(from, { status: 'complete' }, today) : from;
  const next = applyStatusChange(via, { status }, today);
  // Progress is the owner's: only a move to done sets it (100); otherwise it is left as it was.
  const { progressPercent, ...rest } = next;
  return status === 'complete' || status === 'embedded' ? next : from.status === status ? {} : { ...rest, ...(from === NEW_ACTION_STATE ? { progressPercent } : {}) };
}

function applyDesired(existing: SnapshotAction, d: DesiredAction, resolve: (ref: RowRef) => string): SnapshotAction {
  return {
    ...existing,
    title: d.title,
    description: d.description,
    workstreamId: d.workstream ? resolve(d.workstream) : existing.workstreamId,
    ownerId: d.ownerId ?? existing.ownerId,
    leadAgency: d.leadAgency,
    startDate: d.startDate,
    dueDate: d.dueDate,
    successMeasures: d.successMeasures,
    status: d.status ?? existing.status,
    findingIds: d.findings.length ? d.findings.map(resolve).filter((f) => f !== '').sort() : existing.findingIds,
  };
}

function milestoneRow(
  organisationId: string,
  actionId: string,
  m: DesiredAction['milestones'][number],
  sortOrder: number,
  actionDue: CalendarDate,
  now: Date,
  userId: string,
): NewMilestoneRow {
  return {
    organisationId,
    actionId,
    title: m.title,
    dueDate: m.dueDate,
    completedOn: m.completed ? m.dueDate : null,
    recordedAt: now,
    completionRecordedAt: m.completed ? now : null,
    completionRecordedById: m.completed ? userId : null,
    allowAfterActionDue: m.dueDate > actionDue,
    sortOrder,
  };
}
