import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { FindingEntity } from '../findings/entities/finding.entity';
import { UserEntity } from '../users/entities/user.entity';
import { NoticeQueryDto } from './dto/notice.dto';
import { NoticeStatusChangeEntity } from './entities/notice-status-change.entity';
import { NoticeEntity, NoticeStatus } from './entities/notice.entity';

export interface NoticeStatusChangeRow {
  fromStatus: NoticeStatus | null;
  toStatus: NoticeStatus;
  changedOn: string;
  changedById: string | null;
  changedByName: string | null;
  note: string;
  recordedAt: Date;
}

/** The columns a new notice is written with. */
export type NewNotice = Pick<
  NoticeEntity,
  'organisationId' | 'planId' | 'kind' | 'title' | 'inspectionId' | 'issuedOn' | 'deadline' | 'failings' | 'requirements' | 'status'
>;

/** The columns a change sets (only those given). */
export type NoticeChanges = QueryDeepPartialEntity<NoticeEntity>;

/** A status change's columns as NoticeStatusChangeRow names them (`c` the change, `u` who recorded it). */
const STATUS_CHANGE_COLUMNS = [
  'c.fromStatus AS "fromStatus"',
  'c.toStatus AS "toStatus"',
  `to_char(c.changedOn, 'YYYY-MM-DD') AS "changedOn"`,
  'c.changedById AS "changedById"',
  'u.name AS "changedByName"',
  'c.note AS note',
  'c.createdAt AS "recordedAt"',
];

@Injectable()
export class NoticesRepository {
  constructor(@InjectRepository(NoticeEntity) private readonly repo: Repository<NoticeEntity>) {}

  private r(manager?: EntityManager): Repository<NoticeEntity> {
    return manager?.getRepository(NoticeEntity) ?? this.repo;
  }

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<NoticeEntity | null> {
    return this.r(manager).findOne({ where: { id, organisationId } });
  }

  /** Locked until the transaction ends: status changes and deletes of one notice queue up. */
  findInOrgForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<NoticeEntity | null> {
    return manager
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id AND n.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  insert(manager: EntityManager, row: NewNotice): Promise<NoticeEntity> {
    const repo = this.r(manager);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: NoticeChanges): Promise<NoticeEntity> {
    return updateWithVersion(manager, NoticeEntity, 'Notice', key, expectedVersion, changes);
  }

  /** Its status history goes with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.r(manager).delete({ id, organisationId });
  }

  findPage(organisationId: string, planId: string, q: NoticeQueryDto): Promise<[NoticeEntity[], number]> {
    const qb = this.repo.createQueryBuilder('n').where('n.organisationId = :organisationId AND n.planId = :planId', { organisationId, planId });
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('n.kind = :kind', { kind: q.kind });
    if (q.inspectionId) qb.andWhere('n.inspectionId = :inspectionId', { inspectionId: q.inspectionId });
    return qb.orderBy('n.issuedOn', 'DESC').addOrderBy('n.id', 'ASC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }

  async insertStatusChange(manager: EntityManager, change: Omit<NoticeStatusChangeEntity, 'id' | 'createdAt' | 'notice'>): Promise<void> {
    await manager.getRepository(NoticeStatusChangeEntity).insert(change);
  }

  /** Oldest first, with the name of who recorded each change. */
  async statusHistory(organisationId: string, noticeId: string, manager?: EntityManager): Promise<NoticeStatusChangeRow[]> {
    const rows = await (manager ?? this.repo.manager)
      .getRepository(NoticeStatusChangeEntity)
      .createQueryBuilder('c')
      .leftJoin(UserEntity, 'u', 'u.id = c.changedById AND u.organisationId = c.organisationId')
      .select(STATUS_CHANGE_COLUMNS)
      .where('c.organisationId = :organisationId AND c.noticeId = :noticeId', { organisationId, noticeId })
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<NoticeStatusChangeRow>();
    return rows;
  }

  /**
   * The status history of every notice of a plan in one statement (not one query per notice), each
   * row with its notice; oldest first within a notice, as `statusHistory`.
   */
  planStatusHistories(organisationId: string, planId: string): Promise<(NoticeStatusChangeRow & { noticeId: string })[]> {
    return this.repo.manager
      .getRepository(NoticeStatusChangeEntity)
      .createQueryBuilder('c')
      .innerJoin(NoticeEntity, 'n', 'n.id = c.noticeId AND n.organisationId = c.organisationId')
      .leftJoin(UserEntity, 'u', 'u.id = c.changedById AND u.organisationId = c.organisationId')
      .select(['c.noticeId AS "noticeId"', ...STATUS_CHANGE_COLUMNS])
      .where('c.organisationId = :organisationId AND n.planId = :planId', { organisationId, planId })
      .orderBy('c.noticeId', 'ASC')
      .addOrderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<NoticeStatusChangeRow & { noticeId: string }>();
  }

  findingsOf(organisationId: string, noticeId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .select(['f.id AS id', 'f.reference AS label'])
      .where('f.organisationId = :organisationId AND f.noticeId = :noticeId', { organisationId, noticeId })
      .orderBy('f.reference', 'ASC')
      .getRawMany<DependentRow>();
  }

  /** Findings under the notice that come from an inspection other than `inspectionId`. */
  findingsOutsideInspection(organisationId: string, noticeId: string, inspectionId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .select(['f.id AS id', 'f.reference AS label'])
      .where('f.organisationId = :organisationId AND f.noticeId = :noticeId AND f.inspectionId <> :inspectionId', { organisationId, noticeId, inspectionId })
      .orderBy('f.reference', 'ASC')
      .getRawMany<DependentRow>();
  }
}
