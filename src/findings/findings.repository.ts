import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActionFindingEntity } from '../actions/entities/action-finding.entity';
import { ActionEntity } from '../actions/entities/action.entity';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { FindingQueryDto } from './dto/finding.dto';
import { FindingEntity } from './entities/finding.entity';
import type { GroupColourCount } from '../rag/compute/rag-roll-up';

/** The columns a new finding is written with. */
export type NewFinding = Pick<
  FindingEntity,
  'organisationId' | 'planId' | 'inspectionId' | 'noticeId' | 'reference' | 'theme' | 'score' | 'title' | 'text' | 'type'
>;

/** The columns a change sets (only those given). */
export type FindingChanges = QueryDeepPartialEntity<FindingEntity>;

@Injectable()
export class FindingsRepository {
  constructor(@InjectRepository(FindingEntity) private readonly repo: Repository<FindingEntity>) {}

  private r(manager?: EntityManager): Repository<FindingEntity> {
    return manager?.getRepository(FindingEntity) ?? this.repo;
  }

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<FindingEntity | null> {
    return this.r(manager).findOne({ where: { id, organisationId } });
  }

  /** Locked until the transaction ends, so an action cannot be linked to it while it is deleted. */
  findInOrgForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<FindingEntity | null> {
    return manager
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id AND f.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  insert(manager: EntityManager, row: NewFinding): Promise<FindingEntity> {
    const repo = this.r(manager);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: FindingChanges): Promise<FindingEntity> {
    return updateWithVersion(manager, FindingEntity, 'Finding', key, expectedVersion, changes);
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    await this.r(manager).delete({ id, organisationId });
  }

  /** Whether another finding of the same inspection already has this reference. */
  referenceTaken(organisationId: string, inspectionId: string, reference: string, exceptId: string | null, manager?: EntityManager): Promise<boolean> {
    const qb = this.r(manager)
      .createQueryBuilder('f')
      .where('f.organisationId = :organisationId AND f.inspectionId = :inspectionId AND f.reference = :reference', {
        organisationId,
        inspectionId,
        reference,
      });
    if (exceptId) qb.andWhere('f.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  findPage(organisationId: string, planId: string, q: FindingQueryDto): Promise<[FindingEntity[], number]> {
    const qb = this.repo.createQueryBuilder('f').where('f.organisationId = :organisationId AND f.planId = :planId', { organisationId, planId });
    if (q.inspectionId) qb.andWhere('f.inspectionId = :inspectionId', { inspectionId: q.inspectionId });
    if (q.noticeId) qb.andWhere('f.noticeId = :noticeId', { noticeId: q.noticeId });
    if (q.theme) qb.andWhere('f.theme = :theme', { theme: q.theme });
    if (q.type) qb.andWhere('f.type = :type', { type: q.type });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('f.reference ILIKE :like', { like }).orWhere('f.title ILIKE :like', { like })));
    }
    return qb
      .orderBy('f.reference', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .skip(q.skip)
      .take(q.pageSize)
      .getManyAndCount();
  }

  /**
   * For each finding given, its answering actions counted by their current colour (null: not
   * computed yet), for the findings' roll-ups. Through action_finding's finding index: a page of
   * findings reads only their own links.
   */
  colourCounts(organisationId: string, findingIds: readonly string[], manager?: EntityManager): Promise<GroupColourCount[]> {
    if (findingIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.repo.manager).query<GroupColourCount[]>(
      `SELECT 'finding' AS kind, af.finding_id::text AS "groupId", a.rag_colour AS colour, count(*)::int AS count
       FROM action_finding af JOIN action a ON a.id = af.action_id AND a.organisation_id = af.organisation_id
       WHERE af.organisation_id = $1 AND af.finding_id = ANY($2::uuid[])
       GROUP BY af.finding_id, a.rag_colour`,
      [organisationId, [...findingIds]],
    );
  }

  /** The actions that answer a finding, by reference. */
  answeringActions(organisationId: string, findingId: string, manager?: EntityManager): Promise<DependentRow[]> {
    return (manager ?? this.repo.manager)
      .getRepository(ActionFindingEntity)
      .createQueryBuilder('af')
      .innerJoin(ActionEntity, 'a', 'a.id = af.actionId AND a.organisationId = af.organisationId')
      .select(['a.id AS id', 'a.reference AS label'])
      .where('af.organisationId = :organisationId AND af.findingId = :findingId', { organisationId, findingId })
      .orderBy('a.reference', 'ASC')
      .getRawMany<DependentRow>();
  }
}
