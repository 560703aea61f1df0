import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventQueryDto } from './dto/audit-event.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

/** An audit event as written; the id and the time come from the database. */
export type NewAuditEvent = Pick<AuditEventEntity, 'organisationId' | 'actorId' | 'actorKind' | 'entityType' | 'entityId' | 'action' | 'changes' | 'requestId'>;

/** The audit trail: appended inside the caller's transaction, read a page at a time. Rows are never changed. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly repo: Repository<AuditEventEntity>) {}

  async insertMany(manager: EntityManager, rows: NewAuditEvent[]): Promise<void> {
    // jsonb `changes` holds arbitrary values, which TypeORM's deep-partial insert type cannot express.
    await manager.getRepository(AuditEventEntity).insert(rows as QueryDeepPartialEntity<AuditEventEntity>[]);
  }

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
