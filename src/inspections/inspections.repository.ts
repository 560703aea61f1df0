import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { FindingEntity } from '../findings/entities/finding.entity';
import { NoticeEntity } from '../notices/entities/notice.entity';
import { InspectionQueryDto } from './dto/inspection.dto';
import { InspectionEntity } from './entities/inspection.entity';

/** The columns a new inspection is written with. */
export type NewInspection = Pick<
  InspectionEntity,
  | 'organisationId' | 'planId'
  | 'regulatorId'
  | 'kind'
  | 'title'
  | 'startDate'
  | 'endDate'
  | 'publishedDate'
  | 'reportReference'
  | 'reportUrl'
  | 'overallJudgement'
  | 'qualityStatementScores'
  | 'judgements'
>;

/** The columns a change sets (only those given). */
export type InspectionChanges = QueryDeepPartialEntity<InspectionEntity>;

@Injectable()
export class InspectionsRepository {
  constructor(@InjectRepository(InspectionEntity) private readonly repo: Repository<InspectionEntity>) {}

  private r(manager?: EntityManager): Repository<InspectionEntity> {
    return manager?.getRepository(InspectionEntity) ?? this.repo;
  }

  /** Without relations, so it serves as the audit trail's before-image. */
  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<InspectionEntity | null> {
    return this.r(manager).findOne({ where: { id, organisationId } });
  }

  /** The row locked until the transaction ends, so dependents cannot be added while it is deleted. */
  findInOrgForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<InspectionEntity | null> {
    return manager
      .getRepository(InspectionEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  insert(manager: EntityManager, row: NewInspection): Promise<InspectionEntity> {
    const repo = this.r(manager);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: InspectionChanges): Promise<InspectionEntity> {
    return updateWithVersion(manager, InspectionEntity, 'Inspection', key, expectedVersion, changes);
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.r(manager).delete({ id, organisationId });
  }

  findPage(organisationId: string, planId: string, q: InspectionQueryDto): Promise<[InspectionEntity[], number]> {
    const qb = this.repo.createQueryBuilder('i').where('i.organisationId = :organisationId AND i.planId = :planId', { organisationId, planId });
    if (q.regulatorId) qb.andWhere('i.regulatorId = :regulatorId', { regulatorId: q.regulatorId });
    if (q.kind) qb.andWhere('i.kind = :kind', { kind: q.kind });
    return qb.orderBy('i.startDate', 'DESC').addOrderBy('i.id', 'ASC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }

  findingsOf(organisationId: string, inspectionId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .select(['f.id AS id', 'f.reference AS label'])
      .where('f.organisationId = :organisationId AND f.inspectionId = :inspectionId', { organisationId, inspectionId })
      .orderBy('f.reference', 'ASC')
      .getRawMany<DependentRow>();
  }

  noticesOf(organisationId: string, inspectionId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .select(['n.id AS id', 'n.title AS label'])
      .where('n.organisationId = :organisationId AND n.inspectionId = :inspectionId', { organisationId, inspectionId })
      .orderBy('n.issuedOn', 'ASC')
      .getRawMany<DependentRow>();
  }
}
