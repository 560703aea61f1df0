import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActionEntity } from '../actions/entities/action.entity';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { WorkstreamQueryDto } from './dto/workstream.dto';
import { WorkstreamEntity } from './entities/workstream.entity';

/** The columns a new workstream is written with. */
export type NewWorkstream = Pick<WorkstreamEntity, 'organisationId' | 'planId' | 'code' | 'title' | 'description' | 'leadRole' | 'sortOrder'>;

/** The columns a change sets (only those given). */
export type WorkstreamChanges = QueryDeepPartialEntity<WorkstreamEntity>;

@Injectable()
export class WorkstreamsRepository {
  constructor(@InjectRepository(WorkstreamEntity) private readonly repo: Repository<WorkstreamEntity>) {}

  private r(manager?: EntityManager): Repository<WorkstreamEntity> {
    return manager?.getRepository(WorkstreamEntity) ?? this.repo;
  }

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<WorkstreamEntity | null> {
    return this.r(manager).findOne({ where: { id, organisationId } });
  }

  /** Locked until the transaction ends, so an action cannot be added to it while it is deleted. */
  findInOrgForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<WorkstreamEntity | null> {
    return manager
      .getRepository(WorkstreamEntity)
      .createQueryBuilder('w')
      .setLock('pessimistic_write')
      .where('w.id = :id AND w.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  insert(manager: EntityManager, row: NewWorkstream): Promise<WorkstreamEntity> {
    const repo = this.r(manager);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: WorkstreamChanges): Promise<WorkstreamEntity> {
    return updateWithVersion(manager, WorkstreamEntity, 'Workstream', key, expectedVersion, changes);
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.r(manager).delete({ id, organisationId });
  }

  codeTaken(planId: string, code: string, exceptId: string | null, manager?: EntityManager): Promise<boolean> {
    const qb = this.r(manager).createQueryBuilder('w').where('w.planId = :planId AND w.code = :code', { planId, code });
    if (exceptId) qb.andWhere('w.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  async nextSortOrder(planId: string, manager?: EntityManager): Promise<number> {
    const row = await this.r(manager)
      .createQueryBuilder('w')
      .select('MAX(w.sortOrder)', 'max')
      .where('w.planId = :planId', { planId })
      .getRawOne<{ max: number | null }>();
    return row?.max === null || row?.max === undefined ? 1 : Number(row.max) + 1;
  }

  findPage(organisationId: string, planId: string, q: WorkstreamQueryDto): Promise<[WorkstreamEntity[], number]> {
    return this.repo
      .createQueryBuilder('w')
      .where('w.organisationId = :organisationId AND w.planId = :planId', { organisationId, planId })
      .orderBy('w.sortOrder', 'ASC')
      .addOrderBy('w.code', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .skip(q.skip)
      .take(q.pageSize)
      .getManyAndCount();
  }

  actionsOf(organisationId: string, workstreamId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .select(['a.id AS id', 'a.reference AS label'])
      .where('a.organisationId = :organisationId AND a.workstreamId = :workstreamId', { organisationId, workstreamId })
      .orderBy('a.reference', 'ASC')
      .getRawMany<DependentRow>();
  }
}
