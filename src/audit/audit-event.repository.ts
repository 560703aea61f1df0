import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEventQueryDto } from './dto/audit-event.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly repo: Repository<AuditEventEntity>) {}

  findPage(organisationId: string, q: AuditEventQueryDto): Promise<[AuditEventEntity[], number]> {
    const qb = this.repo.createQueryBuilder('e').where('e.organisationId = :organisationId', { organisationId });
    if (q.entityType) qb.andWhere('e.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('e.entityId = :entityId', { entityId: q.entityId });
    if (q.actorId) qb.andWhere('e.actorId = :actorId', { actorId: q.actorId });
    if (q.from) qb.andWhere('e.occurredAt >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurredAt < :to', { to: q.to });
    return qb.orderBy('e.occurredAt', 'DESC').addOrderBy('e.id', 'DESC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }
}
