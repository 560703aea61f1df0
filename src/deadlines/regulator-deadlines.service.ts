import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, In, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ActionEntity } from '../actions/entities/action.entity';
import { MilestoneEntity } from '../actions/entities/milestone.entity';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { assertPlanManager, requireReadablePlanRow } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import type { AuthUser } from '../common/request-context/request-context';
import type { InspectionEntity } from '../inspections/entities/inspection.entity';
import type { NoticeEntity } from '../notices/entities/notice.entity';
import { type RagChanges, RagTriggerService } from '../rag/rag-trigger.service';
import { WorkstreamEntity } from '../workstreams/entities/workstream.entity';
import { MarkNotApplicableDto, RegulatorDeadlineDto, RegulatorDeadlineListDto } from './dto/regulator-deadline.dto';
import { RegulatorDeadlineEntity } from './entities/regulator-deadline.entity';
import { regulatorDeadlines, type RegulatorDeadline } from './regulator-deadlines';

/** The plan-level action that holds the regulators' deadlines, and its workstream, made when first needed. */
export const DEADLINES_ACTION = {
  reference: 'RD1',
  title: 'Meet the regulator’s deadlines',
  description:
    'The deadlines the regulators’ published rules set after the plan’s inspections and notices (for example the ILACS action plan, ' +
    'due 70 working days after the report). Each milestone is made, moved and removed with its inspection or notice, and cites its rule.',
} as const;
export const DEADLINES_WORKSTREAM = {
  code: 'RD',
  title: 'Regulator deadlines',
  description: 'Deadlines set by the regulators’ published rules, kept as milestones (made by the system from the inspections and notices).',
} as const;

type InspectionFacts = Pick<InspectionEntity, 'id' | 'organisationId' | 'planId' | 'kind' | 'publishedDate'>;
type NoticeFacts = Pick<NoticeEntity, 'id' | 'organisationId' | 'planId' | 'kind' | 'issuedOn' | 'deadline' | 'title'>;
type Source = { inspectionId: string; noticeId?: undefined } | { noticeId: string; inspectionId?: undefined };

/**
 * Regulator deadlines as milestones. Recording an inspection or notice whose published rules set a
 * deadline (src/deadlines/regulator-deadlines.ts) makes, in the caller's transaction, a milestone
 * on the plan's regulator-deadlines action (reference RD1, workstream RD, both created the first
 * time; owned by whoever recorded the event, a board member or an administrator, who can hand it
 * on). Changing the event moves, retitles or removes its milestones; every change is audited.
 * The board can mark a deadline not applicable with a reason: from that day its milestone no
 * longer drives the colour (src/rag/compute/rag-facts.repository.ts).
 */
@Injectable()
export class RegulatorDeadlinesService implements OnModuleInit, EntitySubscriberInterface {
  /** Recomputes of the actions whose milestones a transaction changed: recorded in it, queued once it commits (the worker must not read the state before). */
  private readonly changedIn = new WeakMap<QueryRunner, RagChanges>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released is not the commit.
    if (event.queryRunner.isTransactionActive) return;
    const recompute = this.changedIn.get(event.queryRunner);
    if (!recompute) return;
    this.changedIn.delete(event.queryRunner);
    void recompute.queue();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.changedIn.delete(event.queryRunner);
  }

  /** After an inspection is created or changed (in its transaction). */
  syncInspection(manager: EntityManager, user: AuthUser, inspection: InspectionFacts): Promise<void> {
    const outcome = regulatorDeadlines({ type: 'inspection', kind: inspection.kind, reportPublishedOn: inspection.publishedDate });
    return this.sync(manager, user, inspection, { inspectionId: inspection.id }, outcome.deadlines);
  }

  /** After a notice is created or changed (in its transaction). A notice's recorded deadline is the date it states. */
  syncNotice(manager: EntityManager, user: AuthUser, notice: NoticeFacts): Promise<void> {
    const stated = notice.deadline ? [{ title: `Deadline stated in the notice: ${notice.title}`.slice(0, 300), dueOn: notice.deadline }] : [];
    const outcome = regulatorDeadlines({ type: 'notice', kind: notice.kind, issuedOn: notice.issuedOn, statedDeadlines: stated });
    return this.sync(manager, user, notice, { noticeId: notice.id }, outcome.deadlines);
  }

  /** Before an inspection or notice is deleted (in its transaction): its milestones go with it. */
  async removeFor(manager: EntityManager, organisationId: string, source: Source): Promise<void> {
    const rows = await manager.find(RegulatorDeadlineEntity, { where: { organisationId, ...source } });
    await this.removeRows(manager, rows);
  }

  async list(user: AuthUser, planId: string): Promise<RegulatorDeadlineListDto> {
    const rows = await this.dataSource.manager.find(RegulatorDeadlineEntity, { where: { organisationId: user.organisationId, planId } });
    const milestones = await this.milestonesOf(this.dataSource.manager, rows);
    const items = rows.map((r) => toDto(r, milestones.get(r.milestoneId)!)).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
    return { items };
  }

  async get(user: AuthUser, id: string): Promise<RegulatorDeadlineDto> {
    const row = requireReadablePlanRow(user, 'Regulator deadline', id, await this.dataSource.manager.findOne(RegulatorDeadlineEntity, { where: { id, organisationId: user.organisationId } }));
    const milestones = await this.milestonesOf(this.dataSource.manager, [row]);
    return toDto(row, milestones.get(row.milestoneId)!);
  }

  /** The board says the deadline does not apply (with its reason); audited; from today its milestone no longer drives the colour. */
  async markNotApplicable(user: AuthUser, id: string, dto: MarkNotApplicableDto): Promise<RegulatorDeadlineDto> {
    const recompute = this.rag.changes();
    const result = await this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(
        user,
        'Regulator deadline',
        id,
        await manager.findOne(RegulatorDeadlineEntity, { where: { id, organisationId: user.organisationId }, lock: { mode: 'pessimistic_write' } }),
      );
      assertPlanManager(user, before, 'mark a regulator deadline not applicable');
      const after = await manager.save(RegulatorDeadlineEntity, {
        ...before,
        notApplicableReason: dto.reason,
        // Marked once: a new reason later does not move the day it stopped counting.
        notApplicableAt: before.notApplicableAt ?? this.clock.now(),
        notApplicableById: before.notApplicableById ?? user.id,
      });
      await this.audit.record(manager, { entityType: 'regulator_deadline', entityId: id, action: 'not_applicable', before: auditView(before), after: auditView(after) });
      await recompute.action(manager, user.organisationId, after.actionId);
      const milestones = await this.milestonesOf(manager, [after]);
      return toDto(after, milestones.get(after.milestoneId)!);
    });
    await recompute.queue();
    return result;
  }

  // ---- the wiring --------------------------------------------------------------------------------

  private async sync(manager: EntityManager, user: AuthUser, event: { organisationId: string; planId: string }, source: Source, deadlines: RegulatorDeadline[]): Promise<void> {
    const { organisationId, planId } = event;
    const existing = await manager.find(RegulatorDeadlineEntity, { where: { organisationId, ...source }, order: { createdAt: 'ASC' } });
    const milestones = await this.milestonesOf(manager, existing);
    const unmatched = [...existing];
    const audit: AuditRecord[] = [];
    const now = this.clock.now();
    let actionId: string | null = null;

    for (const d of deadlines) {
      const index = unmatched.findIndex((r) => r.key === d.key);
      if (index >= 0) {
        const [row] = unmatched.splice(index, 1);
        const milestone = milestones.get(row.milestoneId)!;
        actionId = row.actionId;
        if (milestone.dueDate !== d.dueOn || milestone.title !== d.title) {
          const dueDateRecordedAt = milestone.dueDate !== d.dueOn ? now : milestone.dueDateRecordedAt;
          const moved = await manager.save(MilestoneEntity, { ...milestone, dueDate: d.dueOn, title: d.title, dueDateRecordedAt });
          audit.push({ entityType: 'milestone', entityId: milestone.id, action: 'update', before: milestoneView(milestone), after: milestoneView(moved), planId });
        }
        if (row.basis !== d.basis || row.rule !== d.rule || JSON.stringify(row.sources) !== JSON.stringify(d.sources)) {
          const after = await manager.save(RegulatorDeadlineEntity, { ...row, basis: d.basis, rule: d.rule, sources: d.sources });
          audit.push({ entityType: 'regulator_deadline', entityId: row.id, action: 'update', before: auditView(row), after: auditView(after) });
        }
        continue;
      }
      actionId ??= await this.deadlinesAction(manager, user, organisationId, planId, d.dueOn, audit);
      const sortOrder = await manager.count(MilestoneEntity, { where: { organisationId, actionId } });
      const milestone = await manager.save(
        MilestoneEntity,
        manager.create(MilestoneEntity, {
          organisationId,
          actionId,
          title: d.title,
          dueDate: d.dueOn,
          completedOn: null,
          allowAfterActionDue: true,
          sortOrder,
          recordedAt: now,
          completionRecordedAt: null,
          completionRecordedById: null,
        }),
      );
      const row = await manager.save(
        RegulatorDeadlineEntity,
        manager.create(RegulatorDeadlineEntity, {
          organisationId,
          planId,
          inspectionId: source.inspectionId ?? null,
          noticeId: source.noticeId ?? null,
          key: d.key,
          actionId,
          milestoneId: milestone.id,
          basis: d.basis,
          rule: d.rule,
          sources: d.sources,
          notApplicableReason: null,
          notApplicableAt: null,
          notApplicableById: null,
        }),
      );
      audit.push({ entityType: 'milestone', entityId: milestone.id, action: 'create', after: milestoneView(milestone), planId });
      audit.push({ entityType: 'regulator_deadline', entityId: row.id, action: 'create', after: auditView(row) });
    }
    await this.removeRows(manager, unmatched, audit);
    if (actionId) await this.stretchActionDue(manager, organisationId, actionId, audit);
    if (audit.length > 0) await this.audit.recordMany(manager, audit);
    if (actionId && audit.length > 0) await this.recomputeAfterCommit(manager, organisationId, actionId);
  }

  private async removeRows(manager: EntityManager, rows: RegulatorDeadlineEntity[], into?: AuditRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const audit: AuditRecord[] = into ?? [];
    const milestones = await this.milestonesOf(manager, rows);
    for (const row of rows) {
      const milestone = milestones.get(row.milestoneId);
      // The deadline row goes with its milestone (ON DELETE CASCADE).
      if (milestone) await manager.delete(MilestoneEntity, { id: milestone.id, organisationId: row.organisationId });
      audit.push({ entityType: 'milestone', entityId: row.milestoneId, action: 'delete', before: milestone ? milestoneView(milestone) : null, planId: row.planId });
      audit.push({ entityType: 'regulator_deadline', entityId: row.id, action: 'delete', before: auditView(row) });
    }
    if (!into) {
      await this.audit.recordMany(manager, audit);
      for (const row of rows) await this.recomputeAfterCommit(manager, row.organisationId, row.actionId);
    }
  }

  /** The plan's regulator-deadlines action (and its workstream), created when the plan has none. */
  private async deadlinesAction(manager: EntityManager, user: AuthUser, organisationId: string, planId: string, dueDate: string, audit: AuditRecord[]): Promise<string> {
    const known = await manager.findOne(RegulatorDeadlineEntity, { where: { organisationId, planId }, select: { id: true, actionId: true } });
    if (known) return known.actionId;
    const named = await manager.findOne(ActionEntity, { where: { organisationId, planId, reference: DEADLINES_ACTION.reference } });
    if (named) return named.id;

    let workstream = await manager.findOne(WorkstreamEntity, { where: { organisationId, planId, code: DEADLINES_WORKSTREAM.code } });
    if (!workstream) {
      const last = await manager.createQueryBuilder(WorkstreamEntity, 'w').select('MAX(w.sort_order)', 'max').where('w.plan_id = :planId', { planId }).getRawOne<{ max: number | null }>();
      workstream = await manager.save(
        WorkstreamEntity,
        manager.create(WorkstreamEntity, { organisationId, planId, ...DEADLINES_WORKSTREAM, leadRole: null, sortOrder: (last?.max ?? 0) + 1 }),
      );
      audit.push({ entityType: 'workstream', entityId: workstream.id, action: 'create', after: workstream });
    }
    const action = await manager.save(
      ActionEntity,
      manager.create(ActionEntity, {
        organisationId,
        planId,
        ...DEADLINES_ACTION,
        workstreamId: workstream.id,
        ownerId: user.id,
        leadAgency: null,
        startDate: null,
        dueDate,
        successMeasures: 'Each deadline met, or marked not applicable by the board with its reason.',
        statusRecordedAt: this.clock.now(),
        statusRecordedById: user.id,
      }),
    );
    audit.push({ entityType: 'action', entityId: action.id, action: 'create', after: { ...DEADLINES_ACTION, planId, workstreamId: workstream.id, ownerId: user.id, dueDate } });
    return action.id;
  }

  /** The action is due when its last deadline is (its milestones may not fall after it otherwise). */
  private async stretchActionDue(manager: EntityManager, organisationId: string, actionId: string, audit: AuditRecord[]): Promise<void> {
    const action = await manager.findOne(ActionEntity, { where: { id: actionId, organisationId } });
    if (!action) return;
    const last = await manager
      .createQueryBuilder(MilestoneEntity, 'm')
      .select('MAX(m.due_date)::text', 'max')
      .where('m.action_id = :actionId', { actionId })
      .getRawOne<{ max: string | null }>();
    if (!last?.max || last.max === action.dueDate) return;
    await manager.update(ActionEntity, { id: actionId, organisationId }, { dueDate: last.max, datesRecordedAt: this.clock.now() });
    audit.push({ entityType: 'action', entityId: actionId, action: 'update', before: { dueDate: action.dueDate }, after: { dueDate: last.max }, planId: action.planId });
  }

  /** In the transaction, after its audit record: the action's recompute is recorded, and queued once the transaction commits. */
  private async recomputeAfterCommit(manager: EntityManager, organisationId: string, actionId: string): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('regulator deadlines change only in a transaction');
    const recompute = this.changedIn.get(runner) ?? this.rag.changes();
    this.changedIn.set(runner, recompute);
    await recompute.action(manager, organisationId, actionId);
  }

  private async milestonesOf(manager: EntityManager, rows: RegulatorDeadlineEntity[]): Promise<Map<string, MilestoneEntity>> {
    if (rows.length === 0) return new Map();
    const found = await manager.find(MilestoneEntity, { where: { id: In(rows.map((r) => r.milestoneId)) } });
    return new Map(found.map((m) => [m.id, m]));
  }
}

function milestoneView(m: MilestoneEntity): Record<string, unknown> {
  return { actionId: m.actionId, title: m.title, dueDate: m.dueDate, completedOn: m.completedOn, allowAfterActionDue: m.allowAfterActionDue, sortOrder: m.sortOrder };
}

function auditView(r: RegulatorDeadlineEntity): Record<string, unknown> {
  return {
    planId: r.planId,
    actionId: r.actionId,
    inspectionId: r.inspectionId,
    noticeId: r.noticeId,
    key: r.key,
    milestoneId: r.milestoneId,
    basis: r.basis,
    notApplicableReason: r.notApplicableReason,
    notApplicableAt: r.notApplicableAt,
  };
}

function toDto(r: RegulatorDeadlineEntity, m: MilestoneEntity): RegulatorDeadlineDto {
  return {
    id: r.id,
    planId: r.planId,
    key: r.key,
    eventType: r.inspectionId ? 'inspection' : 'notice',
    eventId: (r.inspectionId ?? r.noticeId)!,
    actionId: r.actionId,
    milestoneId: r.milestoneId,
    title: m.title,
    dueOn: m.dueDate,
    completedOn: m.completedOn,
    basis: r.basis,
    rule: r.rule,
    sources: r.sources,
    notApplicable: r.notApplicableAt !== null,
    notApplicableReason: r.notApplicableReason,
    notApplicableAt: r.notApplicableAt ? new Date(r.notApplicableAt).toISOString() : null,
    notApplicableById: r.notApplicableById,
  };
}
