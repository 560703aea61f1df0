import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { formatLongDate } from '../common/dates/calendar-date';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import type { PackAudience } from '../vocabulary/pack-audience';
import { CommitteeQueryDto } from './dto/committee.dto';
import { MeetingQueryDto } from './dto/meeting.dto';
import { CommitteeEntity } from './entities/committee.entity';
import { MeetingEntity } from './entities/meeting.entity';

export type NewCommittee = Pick<CommitteeEntity, 'organisationId' | 'planId' | 'name' | 'audience'>;
export type NewMeeting = Pick<MeetingEntity, 'organisationId' | 'planId' | 'committeeId' | 'meetsOn' | 'startsAt' | 'venue' | 'papersDeadline' | 'papersDeadlineSet'>;
export type MeetingWithCommittee = MeetingEntity & { committee: CommitteeEntity };

/** Committees and their meetings: every query of the feature. */
@Injectable()
export class MeetingsRepository {
  constructor(
    @InjectRepository(CommitteeEntity) private readonly committees: Repository<CommitteeEntity>,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
  ) {}

  private c(manager?: EntityManager): Repository<CommitteeEntity> {
    return manager?.getRepository(CommitteeEntity) ?? this.committees;
  }

  private m(manager?: EntityManager): Repository<MeetingEntity> {
    return manager?.getRepository(MeetingEntity) ?? this.meetings;
  }

  // ---- committees ----

  findCommittee(organisationId: string, id: string, manager?: EntityManager): Promise<CommitteeEntity | null> {
    return this.c(manager).findOne({ where: { id, organisationId } });
  }

  /** Locked until the transaction ends, so no meeting is added to it while it is deleted. */
  findCommitteeForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<CommitteeEntity | null> {
    return manager
      .getRepository(CommitteeEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  committeeNameTaken(planId: string, name: string, exceptId: string | null, manager?: EntityManager): Promise<boolean> {
    const qb = this.c(manager).createQueryBuilder('c').where('c.planId = :planId AND lower(c.name) = lower(:name)', { planId, name });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  insertCommittee(manager: EntityManager, row: NewCommittee): Promise<CommitteeEntity> {
    const repo = this.c(manager);
    return repo.save(repo.create(row));
  }

  updateCommittee(manager: EntityManager, key: { id: string; organisationId: string }, version: number, changes: QueryDeepPartialEntity<CommitteeEntity>): Promise<CommitteeEntity> {
    return updateWithVersion(manager, CommitteeEntity, 'Committee', key, version, changes);
  }

  async deleteCommittee(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.c(manager).delete({ id, organisationId });
  }

  /** In name order; `audience` narrows the list (scrutiny members see scrutiny committees only). */
  findCommitteePage(organisationId: string, planId: string, audience: PackAudience | null, q: CommitteeQueryDto): Promise<[CommitteeEntity[], number]> {
    const qb = this.committees.createQueryBuilder('c').where('c.organisationId = :organisationId AND c.planId = :planId', { organisationId, planId });
    if (audience) qb.andWhere('c.audience = :audience', { audience });
    return qb.orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }

  async meetingsOf(organisationId: string, committeeId: string, manager?: EntityManager): Promise<DependentRow[]> {
    const rows = await this.m(manager)
      .createQueryBuilder('m')
      // A raw date column comes back as a Date: read it as the calendar date it is.
      .select(['m.id AS id', `to_char(m.meets_on, 'YYYY-MM-DD') AS "meetsOn"`])
      .where('m.organisationId = :organisationId AND m.committeeId = :committeeId', { organisationId, committeeId })
      .orderBy('m.meetsOn', 'ASC')
      .getRawMany<{ id: string; meetsOn: string }>();
    return rows.map((r) => ({ id: r.id, label: `the meeting on ${formatLongDate(r.meetsOn)}` }));
  }

  // ---- meetings ----

  findMeeting(organisationId: string, id: string, manager?: EntityManager): Promise<MeetingWithCommittee | null> {
    return this.m(manager).findOne({ where: { id, organisationId }, relations: { committee: true } }) as Promise<MeetingWithCommittee | null>;
  }

  findMeetingForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<MeetingEntity | null> {
    return manager
      .getRepository(MeetingEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id AND m.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  insertMeeting(manager: EntityManager, row: NewMeeting): Promise<MeetingEntity> {
    const repo = this.m(manager);
    return repo.save(repo.create(row));
  }

  updateMeeting(manager: EntityManager, key: { id: string; organisationId: string }, version: number, changes: QueryDeepPartialEntity<MeetingEntity>): Promise<MeetingEntity> {
    return updateWithVersion(manager, MeetingEntity, 'Meeting', key, version, changes);
  }

  async deleteMeeting(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.m(manager).delete({ id, organisationId });
  }

  /** In date order (then start time); `audience` narrows to that audience's committees. */
  findMeetingPage(organisationId: string, planId: string, audience: PackAudience | null, q: MeetingQueryDto): Promise<[MeetingWithCommittee[], number]> {
    const qb = this.meetings
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.committee', 'c')
      .where('m.organisationId = :organisationId AND m.planId = :planId', { organisationId, planId });
    if (audience) qb.andWhere('c.audience = :audience', { audience });
    if (q.committeeId) qb.andWhere('m.committeeId = :committeeId', { committeeId: q.committeeId });
    if (q.from) qb.andWhere('m.meetsOn >= :from', { from: q.from });
    return qb
      .orderBy('m.meetsOn', 'ASC')
      .addOrderBy('m.startsAt', 'ASC', 'NULLS FIRST')
      .addOrderBy('c.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .skip(q.skip)
      .take(q.pageSize)
      .getManyAndCount() as Promise<[MeetingWithCommittee[], number]>;
  }
}
