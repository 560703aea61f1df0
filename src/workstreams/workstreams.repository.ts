import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ActionEntity } from '../actions/entities/action.entity';
import type { DependentRow } from '../common/errors/has-dependents';
import { WorkstreamQueryDto } from './dto/workstream.dto';
import { WorkstreamEntity } from './entities/workstream.entity';

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

  codeTaken(organisationId: string, code: string, exceptId: string | null, manager?: EntityManager): Promise<boolean> {
    const qb = this.r(manager).createQueryBuilder('w').where('w.organisationId = :organisationId AND w.code = :code', { organisationId, code });
    if (exceptId) qb.andWhere('w.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  async nextSortOrder(organisationId: string, manager?: EntityManager): Promise<number> {
    const row = await this.r(manager)
      .createQueryBuilder('w')
      .select('MAX(w.sortOrder)', 'max')
      .where('w.organisationId = :organisationId', { organisationId })
      .getRawOne<{ max: number | null }>();
    return row?.max === null || row?.max === undefined ? 1 : Number(row.max) + 1;
  }

  findPage(organisationId: string, q: WorkstreamQueryDto): Promise<[WorkstreamEntity[], number]> {
    return this.repo
      .createQueryBuilder('w')
      .where('w.organisationId = :organisationId', { organisationId })
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
