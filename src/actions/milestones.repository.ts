import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PageQueryDto } from '../common/pagination/page.dto';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { EvidenceEntity } from '../evidence/entities/evidence.entity';
import { MilestoneEntity } from './entities/milestone.entity';

/** The columns a new milestone is written with. */
export type NewMilestone = Pick<
  MilestoneEntity,
  'organisationId' | 'actionId' | 'title' | 'dueDate' | 'completedOn' | 'allowAfterActionDue' | 'sortOrder' | 'recordedAt' | 'completionRecordedAt' | 'completionRecordedById'
>;

/** The columns a change sets (only those given). */
export type MilestoneChanges = QueryDeepPartialEntity<MilestoneEntity>;

/** What a response shows of a milestone (see `toMilestoneDto`). */
export type MilestoneShown = Pick<MilestoneEntity, 'id' | 'actionId' | 'title' | 'dueDate' | 'completedOn' | 'allowAfterActionDue' | 'sortOrder' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class MilestonesRepository {
  constructor(@InjectRepository(MilestoneEntity) private readonly repo: Repository<MilestoneEntity>) {}

  private milestones(manager?: EntityManager): Repository<MilestoneEntity> {
    return manager?.getRepository(MilestoneEntity) ?? this.repo;
  }

  findInAction(organisationId: string, actionId: string, id: string, manager?: EntityManager): Promise<MilestoneEntity | null> {
    return this.milestones(manager).findOne({ where: { id, actionId, organisationId } });
  }

  insert(manager: EntityManager, row: NewMilestone): Promise<MilestoneEntity> {
    const repo = this.milestones(manager);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: MilestoneChanges): Promise<MilestoneEntity> {
    return updateWithVersion(manager, MilestoneEntity, 'Milestone', key, expectedVersion, changes);
  }

  /** The order the plan shows them in: as placed, then by due date. */
  findPage(organisationId: string, actionId: string, q: PageQueryDto): Promise<[MilestoneEntity[], number]> {
    return this.repo.findAndCount({
      where: { organisationId, actionId },
      order: { sortOrder: 'ASC', dueDate: 'ASC', createdAt: 'ASC', id: 'ASC' },
      skip: q.skip,
      take: q.pageSize,
    });
  }

  /** Every milestone of the action (an action has a handful), in plan order. */
  /** An action's milestones as GET /actions/:id shows them, in their order, as fixed SQL read as raw rows. */
  findShownForAction(organisationId: string, actionId: string): Promise<MilestoneShown[]> {
    return this.repo.manager.query<MilestoneShown[]>(
      `SELECT "m"."id", "m"."action_id" AS "actionId", "m"."title", to_char("m"."due_date", 'YYYY-MM-DD') AS "dueDate",
              to_char("m"."completed_on", 'YYYY-MM-DD') AS "completedOn", "m"."allow_after_action_due" AS "allowAfterActionDue",
              "m"."sort_order" AS "sortOrder", "m"."version", "m"."created_at" AS "createdAt", "m"."updated_at" AS "updatedAt"
         FROM "milestone" "m"
        WHERE "m"."organisation_id" = $1 AND "m"."action_id" = $2
        ORDER BY "m"."sort_order" ASC, "m"."due_date" ASC, "m"."created_at" ASC, "m"."id" ASC`,
      [organisationId, actionId],
    );
  }

  /** Milestones that would fall after the action's new due date without having been allowed to. */
  dueAfterWithoutLeave(organisationId: string, actionId: string, dueDate: string, manager: EntityManager): Promise<MilestoneEntity[]> {
    return this.milestones(manager)
      .createQueryBuilder('m')
      .where('m.organisationId = :organisationId AND m.actionId = :actionId', { organisationId, actionId })
      .andWhere('m.dueDate > :dueDate AND m.allowAfterActionDue = false', { dueDate })
      .orderBy('m.dueDate', 'ASC')
      .getMany();
  }

  async nextSortOrder(organisationId: string, actionId: string, manager: EntityManager): Promise<number> {
    const row = await this.milestones(manager)
      .createQueryBuilder('m')
      .select('COALESCE(MAX(m.sortOrder) + 1, 0)', 'next')
      .where('m.organisationId = :organisationId AND m.actionId = :actionId', { organisationId, actionId })
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 0);
  }

  /** Evidence attached to the milestone, by id and title (a delete is refused while any exists). */
  async attachedEvidence(organisationId: string, milestoneId: string, manager: EntityManager): Promise<DependentRow[]> {
    const rows = await manager
      .getRepository(EvidenceEntity)
      .find({ select: { id: true, title: true }, where: { organisationId, milestoneId }, order: { uploadedAt: 'ASC' } });
    return rows.map((e) => ({ id: e.id, label: e.title }));
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await manager.getRepository(MilestoneEntity).delete({ id, organisationId });
  }
}
