import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ActionScope } from '../common/auth/access-policy';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { EvidenceEntity } from '../evidence/entities/evidence.entity';
import type { OverrideShownDto } from '../rag/overrides/dto/override-shown.dto';
import { findOverridesShown } from '../rag/overrides/overrides-shown.query';
import { FindingEntity } from '../findings/entities/finding.entity';
import { WorkstreamEntity } from '../workstreams/entities/workstream.entity';
import type { ActionStatusState } from './action-status';
import { ActionQueryDto } from './dto/action-query.dto';
import { ActionFindingEntity } from './entities/action-finding.entity';
import { ActionEntity } from './entities/action.entity';
import { MilestoneEntity } from './entities/milestone.entity';
import { ProgressUpdateEntity } from './entities/progress-update.entity';

export interface ActionDependents {
  milestones: DependentRow[];
  progressUpdates: DependentRow[];
  evidence: DependentRow[];
}

/** The columns a new action is written with; the rest (RAG, version, dates) take their defaults. */
export type NewAction = Pick<
  ActionEntity,
  | 'organisationId'
  | 'planId'
  | 'reference'
  | 'title'
  | 'description'
  | 'workstreamId'
  | 'ownerId'
  | 'leadAgency'
  | 'startDate'
  | 'dueDate'
  | 'successMeasures'
  | 'statusRecordedAt'
  | 'statusRecordedById'
> &
  ActionStatusState;

/** The columns a change sets (only those given). */
export type ActionChanges = QueryDeepPartialEntity<ActionEntity>;

/** Where to read: inside the caller's transaction, and whether to lock the row until it ends. */
export interface ReadOptions {
  manager?: EntityManager;
  /** FOR UPDATE until the caller's transaction ends; needs `manager`. */
  lock?: boolean;
}

export interface EvidenceCounts {
  submitted: number;
  accepted: number;
  rejected: number;
  withdrawn: number;
}

/** What the plan's list shows of an action (`findSummaryPage`): its own columns, its owner's and its workstream's. */
export interface ActionSummaryRow
  extends Pick<
    ActionEntity,
    | 'id'
    | 'reference'
    | 'title'
    | 'leadAgency'
    | 'startDate'
    | 'dueDate'
    | 'status'
    | 'progressPercent'
    | 'completedOn'
    | 'effectivenessCheckDue'
    | 'embeddedOn'
    | 'ragColour'
    | 'ragReasons'
    | 'ragOverridden'
    | 'ragComputedColour'
    | 'ragComputedReasons'
    | 'ragPolicyVersion'
    | 'ragAsOf'
    | 'ragComputedAt'
    | 'version'
    | 'createdAt'
    | 'updatedAt'
  > {
  workstreamId: string;
  workstreamCode: string;
  workstreamTitle: string;
  ownerId: string;
  ownerName: string;
  ownerJobTitle: string | null;
  ownerPartnerAgency: string | null;
}

/** A calendar date as text, whatever the session's DateStyle (the `pg` driver would make it a Date at local midnight). */
const calendarDate = (column: string) => `to_char("a"."${column}", 'YYYY-MM-DD')`;

/** [SQL expression, row field] for `findSummaryPage`. */
const SUMMARY_COLUMNS: [string, keyof ActionSummaryRow][] = [
  ['"a"."id"', 'id'],
  ['"a"."reference"', 'reference'],
  ['"a"."title"', 'title'],
  ['"a"."lead_agency"', 'leadAgency'],
  [calendarDate('start_date'), 'startDate'],
  [calendarDate('due_date'), 'dueDate'],
  ['"a"."status"', 'status'],
  ['"a"."progress_percent"', 'progressPercent'],
  [calendarDate('completed_on'), 'completedOn'],
  [calendarDate('effectiveness_check_due'), 'effectivenessCheckDue'],
  [calendarDate('embedded_on'), 'embeddedOn'],
  ['"a"."rag_colour"', 'ragColour'],
  ['"a"."rag_reasons"', 'ragReasons'],
  ['"a"."rag_overridden"', 'ragOverridden'],
  ['"a"."rag_computed_colour"', 'ragComputedColour'],
  ['"a"."rag_computed_reasons"', 'ragComputedReasons'],
  ['"a"."rag_policy_version"', 'ragPolicyVersion'],
  [calendarDate('rag_as_of'), 'ragAsOf'],
  ['"a"."rag_computed_at"', 'ragComputedAt'],
  ['"a"."version"', 'version'],
  ['"a"."created_at"', 'createdAt'],
  ['"a"."updated_at"', 'updatedAt'],
  ['"workstream"."id"', 'workstreamId'],
  ['"workstream"."code"', 'workstreamCode'],
  ['"workstream"."title"', 'workstreamTitle'],
  ['"owner"."id"', 'ownerId'],
  ['"owner"."name"', 'ownerName'],
  ['"owner"."job_title"', 'ownerJobTitle'],
  ['"owner"."partner_agency"', 'ownerPartnerAgency'],
];

/** What GET /actions/:id shows of the action itself, and what the access policy reads of it. */
export interface ActionDetailRow extends ActionSummaryRow, ActionScope, Pick<ActionEntity, 'description' | 'successMeasures' | 'ragOverrideId'> {}

/**
 * One action with its owner and workstream, as fixed SQL (no query building, no entity hydration
 * per request: bench/api-overhead.bench.ts). `ownerId` is the action's own column, which the
 * access policy reads; the owner's row is joined for the name the response shows.
 */
const DETAIL_SQL = `SELECT ${[
  ...SUMMARY_COLUMNS.filter(([, field]) => field !== 'ownerId'),
  ['"a"."owner_id"', 'ownerId'],
  ['"a"."organisation_id"', 'organisationId'],
  ['"a"."plan_id"', 'planId'],
  ['"a"."description"', 'description'],
  ['"a"."success_measures"', 'successMeasures'],
  ['"a"."rag_override_id"', 'ragOverrideId'],
]
  .map(([expression, field]) => `${expression} AS "${field}"`)
  .join(', ')}
  FROM "action" "a"
  LEFT JOIN "user" "owner" ON "owner"."id" = "a"."owner_id"
  LEFT JOIN "workstream" "workstream" ON "workstream"."id" = "a"."workstream_id"
 WHERE "a"."id" = $1 AND "a"."organisation_id" = $2`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The only place that builds action queries. It also reads the few columns of findings,
 * workstreams and evidence the plan needs (existence in the organisation, names, counts), so
 * the actions feature does not depend on those features' services being built.
 */
@Injectable()
export class ActionsRepository {
  constructor(@InjectRepository(ActionEntity) private readonly repo: Repository<ActionEntity>) {}

  private actions(manager?: EntityManager): Repository<ActionEntity> {
    return manager?.getRepository(ActionEntity) ?? this.repo;
  }

  private get manager(): EntityManager {
    return this.repo.manager;
  }

  /**
   * The one way every feature loads an action for the access policy (`common/auth/access-policy.ts`):
   * only the columns its rules read, scoped to the organisation (another organisation's is null).
   */
  async findAccessScope(organisationId: string, id: string, options: ReadOptions = {}): Promise<ActionScope | null> {
    const qb = this.actions(options.manager)
      .createQueryBuilder('a')
      .select(['a.id', 'a.organisationId', 'a.planId', 'a.ownerId'])
      .where('a.id = :id AND a.organisationId = :organisationId', { id, organisationId });
    if (options.lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    return row ? { id: row.id, organisationId: row.organisationId, planId: row.planId, ownerId: row.ownerId } : null;
  }

  /** `lock` takes a row lock for the rest of the caller's transaction (serialises derived-field updates). */
  findInOrg(organisationId: string, id: string, manager?: EntityManager, lock = false): Promise<ActionEntity | null> {
    const qb = this.actions(manager).createQueryBuilder('a').where('a.id = :id AND a.organisationId = :organisationId', { id, organisationId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * The action as GET /actions/:id shows it, with its owner and workstream, scoped to the
   * organisation (another organisation's is null); it carries the access policy's columns too.
   */
  async findDetail(organisationId: string, id: string): Promise<ActionDetailRow | null> {
    const rows = await this.manager.query<ActionDetailRow[]>(DETAIL_SQL, [id, organisationId]);
    return rows[0] ?? null;
  }

  /** The override that set an action's stored colour, with who set it (null when none). */
  async overrideShown(organisationId: string, overrideId: string | null): Promise<OverrideShownDto | null> {
    if (overrideId === null) return null;
    return (await findOverridesShown(this.manager, organisationId, [overrideId])).get(overrideId) ?? null;
  }

  insert(manager: EntityManager, row: NewAction): Promise<ActionEntity> {
    const repo = manager.getRepository(ActionEntity);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: ActionChanges): Promise<ActionEntity> {
    return updateWithVersion(manager, ActionEntity, 'Action', key, expectedVersion, changes);
  }

  async referenceTaken(planId: string, reference: string, manager: EntityManager, exceptId?: string): Promise<boolean> {
    const qb = this.actions(manager).createQueryBuilder('a').where('a.planId = :planId AND a.reference = :reference', { planId, reference });
    if (exceptId) qb.andWhere('a.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  workstreamInPlan(organisationId: string, planId: string, id: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(WorkstreamEntity).exists({ where: { id, organisationId, planId } });
  }

  /** The ids among `ids` that are findings of the plan. */
  async findingsInPlan(organisationId: string, planId: string, ids: string[], manager: EntityManager): Promise<string[]> {
    const rows = await manager.getRepository(FindingEntity).find({ select: { id: true }, where: { organisationId, planId, id: In(ids) } });
    return rows.map((r) => r.id);
  }

  async linkedFindingIds(actionId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.manager).getRepository(ActionFindingEntity).find({ select: { findingId: true }, where: { actionId } });
    return rows.map((r) => r.findingId).sort();
  }

  linkedFindings(organisationId: string, actionId: string): Promise<FindingEntity[]> {
    return this.manager
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.reference', 'f.title'])
      .innerJoin(ActionFindingEntity, 'af', 'af.findingId = f.id')
      .where('af.actionId = :actionId AND f.organisationId = :organisationId', { actionId, organisationId })
      .orderBy('f.reference', 'ASC')
      .getMany();
  }

  async replaceFindingLinks(manager: EntityManager, organisationId: string, actionId: string, findingIds: string[]): Promise<void> {
    await manager.getRepository(ActionFindingEntity).delete({ actionId });
    await manager.getRepository(ActionFindingEntity).insert(findingIds.map((findingId) => ({ actionId, findingId, organisationId })));
  }

  /** What hangs off an action, by id and the label users know it by; a delete is refused while any exist. */
  async dependents(organisationId: string, actionId: string, manager: EntityManager): Promise<ActionDependents> {
    // One after another: inside a transaction they share one connection.
    const milestones = await manager
      .getRepository(MilestoneEntity)
      .find({ select: { id: true, title: true }, where: { organisationId, actionId }, order: { sortOrder: 'ASC', dueDate: 'ASC' } });
    const progressUpdates = await manager
      .getRepository(ProgressUpdateEntity)
      .find({ select: { id: true, updateDate: true }, where: { organisationId, actionId }, order: { updateDate: 'ASC', createdAt: 'ASC' } });
    const evidence = await manager
      .getRepository(EvidenceEntity)
      .find({ select: { id: true, title: true }, where: { organisationId, actionId }, order: { uploadedAt: 'ASC' } });
    return {
      milestones: milestones.map((m) => ({ id: m.id, label: m.title })),
      progressUpdates: progressUpdates.map((u) => ({ id: u.id, label: `of ${u.updateDate}` })),
      evidence: evidence.map((e) => ({ id: e.id, label: e.title })),
    };
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    // The finding links go with it (ON DELETE CASCADE), as do computed RAG snapshots and overrides.
    await manager.getRepository(ActionEntity).delete({ id, organisationId });
  }

  async evidenceCounts(organisationId: string, actionId: string): Promise<EvidenceCounts> {
    const rows = await this.manager
      .getRepository(EvidenceEntity)
      .createQueryBuilder('e')
      .select(`CASE WHEN e.withdrawnAt IS NULL THEN e.reviewState ELSE 'withdrawn' END`, 'state')
      .addSelect('COUNT(*)::int', 'count')
      .where('e.organisationId = :organisationId AND e.actionId = :actionId', { organisationId, actionId })
      .groupBy('state')
      .getRawMany<{ state: keyof EvidenceCounts; count: number }>();
    const counts: EvidenceCounts = { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 };
    for (const r of rows) if (r.state in counts) counts[r.state] = r.count;
    return counts;
  }

  /**
   * One page of the plan, set-based: one SELECT (owner and workstream joined, both many-to-one,
   * so no row multiplication and a plain LIMIT/OFFSET) and one COUNT over the same filters.
   * Filters through findings are EXISTS subqueries, so an action answering several matching
   * findings still appears once. Read as raw rows of only the columns the list shows: no entity
   * hydration, no description, no owner's e-mail (hydrating 50 actions with their owner and
   * workstream was a sixth of the list's CPU time under load: bench/api-overhead.bench.ts).
   */
  async findSummaryPage(organisationId: string, planId: string, q: ActionQueryDto): Promise<[ActionSummaryRow[], number]> {
    const filtered = this.filtered(organisationId, q).andWhere('a.planId = :planId', { planId });
    const page = filtered
      .clone()
      .select(SUMMARY_COLUMNS[0][0], SUMMARY_COLUMNS[0][1])
      .leftJoin('a.owner', 'owner')
      .leftJoin('a.workstream', 'workstream')
      .offset(q.skip)
      .limit(q.pageSize);
    for (const [expression, alias] of SUMMARY_COLUMNS.slice(1)) page.addSelect(expression, alias);
    const sort = q.sort ?? 'reference';
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    if (sort.endsWith('dueDate')) page.orderBy('a.dueDate', direction).addOrderBy('a.referenceSortKey', 'ASC');
    else page.orderBy('a.referenceSortKey', direction);
    // The reference is unique in the organisation: this last key only makes the order total.
    page.addOrderBy('a.reference', direction);
    return Promise.all([page.getRawMany<ActionSummaryRow>(), this.count(filtered)]);
  }

  /**
   * COUNT(*) of the filtered actions. `getCount()` would write COUNT(DISTINCT a.id), which hashes
   * every id (twice the time at 100,000 actions); the filters join nothing that multiplies rows
   * (findings are EXISTS subqueries), so a plain count is the same number.
   */
  private async count(filtered: SelectQueryBuilder<ActionEntity>): Promise<number> {
    const row = await filtered.clone().select('COUNT(*)::int', 'n').getRawOne<{ n: number }>();
    return row?.n ?? 0;
  }

  private filtered(organisationId: string, q: ActionQueryDto): SelectQueryBuilder<ActionEntity> {
    const qb = this.repo.createQueryBuilder('a').where('a.organisationId = :organisationId', { organisationId });
    if (q.workstreamId) qb.andWhere('a.workstreamId = :workstreamId', { workstreamId: q.workstreamId });
    if (q.ownerId) qb.andWhere('a.ownerId = :ownerId', { ownerId: q.ownerId });
    if (q.status?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: q.status });
    if (q.ragColour?.length) qb.andWhere('a.ragColour IN (:...ragColours)', { ragColours: q.ragColour });
    if (q.dueBefore) qb.andWhere('a.dueDate < :dueBefore', { dueBefore: q.dueBefore });
    if (q.dueAfter) qb.andWhere('a.dueDate > :dueAfter', { dueAfter: q.dueAfter });
    if (q.overdueAt) {
      qb.andWhere(`a.dueDate < :overdueAt AND a.status NOT IN ('complete', 'embedded')`, { overdueAt: q.overdueAt });
    }
    if (q.q) {
      const like = `%${escapeLike(q.q)}%`;
      qb.andWhere(new Brackets((w) => w.where('a.reference ILIKE :like', { like }).orWhere('a.title ILIKE :like', { like })));
    }
    if (q.findingId) {
      qb.andWhere('EXISTS (SELECT 1 FROM action_finding af WHERE af.action_id = a.id AND af.finding_id = :findingId)', { findingId: q.findingId });
    }
    if (q.noticeId || q.inspectionId || q.regulator) {
      const conditions = ['af.action_id = a.id'];
      if (q.noticeId) conditions.push('f.notice_id = :noticeId');
      if (q.inspectionId) conditions.push('f.inspection_id = :inspectionId');
      if (q.regulator) conditions.push('lower(r.code) = lower(:regulator)');
      const joins = q.regulator ? 'JOIN inspection i ON i.id = f.inspection_id JOIN regulator r ON r.id = i.regulator_id' : '';
      // All conditions on the same finding: "answers a finding of this inspection under this notice".
      qb.andWhere(`EXISTS (SELECT 1 FROM action_finding af JOIN finding f ON f.id = af.finding_id ${joins} WHERE ${conditions.join(' AND ')})`, {
        noticeId: q.noticeId,
        inspectionId: q.inspectionId,
        regulator: q.regulator,
      });
    }
    return qb;
  }
}
