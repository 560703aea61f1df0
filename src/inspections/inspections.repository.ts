import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { DependentRow } from '../common/errors/has-dependents';
import { FindingEntity } from '../findings/entities/finding.entity';
import { NoticeEntity } from '../notices/entities/notice.entity';
import { InspectionQueryDto } from './dto/inspection.dto';
import { InspectionEntity } from './entities/inspection.entity';

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

  findPage(organisationId: string, q: InspectionQueryDto): Promise<[InspectionEntity[], number]> {
    const qb = this.repo.createQueryBuilder('i').where('i.organisationId = :organisationId', { organisationId });
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
