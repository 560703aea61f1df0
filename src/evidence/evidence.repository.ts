import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActionEntity } from '../actions/entities/action.entity';
import { MilestoneEntity } from '../actions/entities/milestone.entity';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { UserEntity } from '../users/entities/user.entity';
import { EvidenceReviewEntity } from './entities/evidence-review.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import type { EvidenceReviewState } from '../vocabulary/evidence-review-state';
import type { PlanAccess, PlanRole } from '../common/request-context/request-context';

export interface EvidencePageQuery {
  skip: number;
  pageSize: number;
  reviewState?: EvidenceReviewState;
  includeWithdrawn: boolean;
}

/** The columns an upload writes; the rest take their defaults. */
export type NewEvidence = Pick<
  EvidenceEntity,
  | 'organisationId'
  | 'actionId'
  | 'milestoneId'
  | 'title'
  | 'description'
  | 'fileName'
  | 'contentType'
  | 'sizeBytes'
  | 'sha256'
  | 'storageKey'
  | 'uploadedById'
  | 'uploadedAt'
  | 'supersedesId'
>;

export type NewEvidenceReview = Pick<EvidenceReviewEntity, 'organisationId' | 'evidenceId' | 'reviewerId' | 'decision' | 'comment' | 'reviewedAt'>;

/** Advisory-lock class for "one stored object per content": 'EVID' as an int. */
const CONTENT_LOCK_CLASS = 0x45564944;

/** Every evidence query. Rows of other organisations are never read: each method takes the organisation. */
@Injectable()
export class EvidenceRepository {
  constructor(
    @InjectRepository(EvidenceEntity) private readonly evidence: Repository<EvidenceEntity>,
    @InjectRepository(EvidenceReviewEntity) private readonly reviews: Repository<EvidenceReviewEntity>,
    @InjectRepository(MilestoneEntity) private readonly milestones: Repository<MilestoneEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  milestoneBelongsTo(organisationId: string, actionId: string, milestoneId: string): Promise<boolean> {
    return this.milestones.exists({ where: { id: milestoneId, actionId, organisationId } });
  }

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<EvidenceEntity | null> {
    return (manager?.getRepository(EvidenceEntity) ?? this.evidence).findOne({ where: { id, organisationId } });
  }

  /** The row, locked until the transaction ends, so two reviews (or a review and a withdrawal) queue up. */
  lockInOrg(manager: EntityManager, organisationId: string, id: string): Promise<EvidenceEntity | null> {
    return manager
      .getRepository(EvidenceEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id AND e.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  findPageForAction(organisationId: string, actionId: string, q: EvidencePageQuery): Promise<[EvidenceEntity[], number]> {
    const qb = this.evidence
      .createQueryBuilder('e')
      .where('e.organisationId = :organisationId AND e.actionId = :actionId', { organisationId, actionId });
    if (!q.includeWithdrawn) qb.andWhere('e.withdrawnAt IS NULL');
    if (q.reviewState) qb.andWhere('e.reviewState = :reviewState', { reviewState: q.reviewState });
    return qb.orderBy('e.uploadedAt', 'DESC').addOrderBy('e.id', 'DESC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }

  /**
   * The board's review queue of one plan: submitted, not withdrawn, oldest first, less the
   * reviewer's own uploads (which another board member must assure).
   */
  findReviewQueue(organisationId: string, planId: string, reviewerId: string, take = 500): Promise<EvidenceEntity[]> {
    return this.evidence
      .createQueryBuilder('e')
      .innerJoin(ActionEntity, 'a', 'a.id = e.actionId AND a.organisationId = e.organisationId')
      .where('e.organisationId = :organisationId AND a.planId = :planId', { organisationId, planId })
      .andWhere("e.reviewState = 'submitted' AND e.withdrawnAt IS NULL AND e.uploadedById <> :reviewerId", { reviewerId })
      .orderBy('e.uploadedAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(take)
      .getMany();
  }

  /** Reference and title of actions, for lists of evidence that name their action. */
  async findActionTitles(organisationId: string, actionIds: string[]): Promise<Map<string, { reference: string; title: string }>> {
    if (actionIds.length === 0) return new Map();
    const rows = await this.evidence.manager
      .getRepository(ActionEntity)
      .find({ select: { id: true, reference: true, title: true }, where: { organisationId, id: In([...new Set(actionIds)]) } });
    return new Map(rows.map((a) => [a.id, { reference: a.reference, title: a.title }]));
  }

  /** Every review of one item, oldest first. */
  findReviews(organisationId: string, evidenceId: string): Promise<EvidenceReviewEntity[]> {
    return this.reviews.find({ where: { organisationId, evidenceId }, order: { reviewedAt: 'ASC', id: 'ASC' } });
  }

  /** For each of `ids`, the live (not withdrawn) upload that superseded it, if any. */
  async findSupersedingIds(organisationId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.evidence.find({
      select: { id: true, supersedesId: true },
      where: { organisationId, supersedesId: In(ids), withdrawnAt: IsNull() },
      order: { uploadedAt: 'ASC' },
    });
    return new Map(rows.map((r) => [r.supersedesId!, r.id]));
  }

  isSuperseded(manager: EntityManager | undefined, organisationId: string, id: string): Promise<boolean> {
    return (manager?.getRepository(EvidenceEntity) ?? this.evidence).exists({ where: { organisationId, supersedesId: id, withdrawnAt: IsNull() } });
  }

  /** Names for the people an item shows (uploader, reviewers, withdrawer), in one query. */
  async findUserNames(organisationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.users.find({ select: { id: true, name: true }, where: { organisationId, id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  async insert(manager: EntityManager, row: NewEvidence): Promise<EvidenceEntity> {
    const repo = manager.getRepository(EvidenceEntity);
    return repo.save(repo.create({ ...row, reviewState: 'submitted' }));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(
    manager: EntityManager,
    key: { id: string; organisationId: string },
    expectedVersion: number,
    changes: QueryDeepPartialEntity<EvidenceEntity>,
  ): Promise<EvidenceEntity> {
    return updateWithVersion(manager, EvidenceEntity, 'Evidence', key, expectedVersion, changes);
  }

  async insertReview(manager: EntityManager, row: NewEvidenceReview): Promise<EvidenceReviewEntity> {
    const repo = manager.getRepository(EvidenceReviewEntity);
    return repo.save(repo.create(row));
  }

  /**
   * The plan as it is now, for an upload's commit: whether it is closed and the user's role in it,
   * the plan row locked until the transaction ends (closing the plan waits for the commit).
   */
  async lockPlanAccess(manager: EntityManager, planId: string, userId: string): Promise<PlanAccess | null> {
    const rows = await manager.query<{ status: string; role: PlanRole | null }[]>(
      `SELECT p.status, pm.role FROM plan p LEFT JOIN plan_membership pm ON pm.plan_id = p.id AND pm.user_id = $2
        WHERE p.id = $1 FOR SHARE OF p`,
      [planId, userId],
    );
    return rows[0] ? { role: rows[0].role, closed: rows[0].status !== 'active' } : null;
  }

  /**
   * Serialises everything that creates or removes the stored object of one content (until the
   * transaction ends): promoting an upload with its row, and deleting an object nobody uses, so a
   * clean-up can never delete an object that another upload is just about to point at.
   */
  async lockContent(manager: EntityManager, sha256: string): Promise<void> {
    // The first 32 bits of the digest as a signed int: collisions only make unrelated uploads wait.
    const objectId = Number.parseInt(sha256.slice(0, 8), 16) | 0;
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [CONTENT_LOCK_CLASS, objectId]);
  }

  /** Whether any row, of any organisation and withdrawn or not, points at this content. */
  isContentReferenced(manager: EntityManager, sha256: string): Promise<boolean> {
    return manager.getRepository(EvidenceEntity).exists({ where: { sha256 } });
  }
}
