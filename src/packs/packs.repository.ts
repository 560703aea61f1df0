import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { PackFileEntity } from './entities/pack-file.entity';
import { PackEntity } from './entities/pack.entity';
import type { PackVisibility } from './pack-access';
import type { PublicationCheck } from './publication/publication-check';
import type { PackAudience } from '../vocabulary/pack-audience';
import type { PackFormat } from '../vocabulary/pack-format';
import type { PackState } from '../vocabulary/pack-state';

export interface PackListFilter {
  audience?: PackAudience;
  state?: PackState;
  published?: boolean;
  skip: number;
  take: number;
}

export interface PackFileWrite {
  organisationId: string;
  packId: string;
  format: PackFormat;
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * The pack and pack_file queries, for the API (create, list, publish) and the worker (state,
 * progress, files). Every read names the organisation; state changes are single conditional
 * UPDATEs so that a published (or finished) pack is never changed by a late or repeated job.
 */
@Injectable()
export class PacksRepository {
  constructor(
    @InjectRepository(PackEntity) private readonly packs: Repository<PackEntity>,
    @InjectRepository(PackFileEntity) private readonly files: Repository<PackFileEntity>,
    private readonly dataSource: DataSource,
  ) {}

  async insert(manager: EntityManager, row: Pick<PackEntity, 'id' | 'organisationId' | 'planId' | 'meetingId' | 'audience' | 'asOf' | 'title' | 'formats' | 'requestedById' | 'jobId'>): Promise<PackEntity> {
    await manager.insert(PackEntity, { ...row, state: 'queued', progress: 0 });
    return manager.findOneByOrFail(PackEntity, { id: row.id });
  }

  findOne(organisationId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<PackEntity | null> {
    return manager.findOneBy(PackEntity, { id, organisationId });
  }

  async findPage(organisationId: string, planId: string, visibility: PackVisibility, filter: PackListFilter): Promise<[PackEntity[], number]> {
    const qb = this.packs.createQueryBuilder('p').where('p.organisation_id = :organisationId AND p.plan_id = :planId', { organisationId, planId });
    if (visibility.audience) qb.andWhere('p.audience = :visibleAudience', { visibleAudience: visibility.audience });
    if (visibility.publishedOnly) qb.andWhere('p.published_at IS NOT NULL');
    if (filter.audience) qb.andWhere('p.audience = :audience', { audience: filter.audience });
    if (filter.state) qb.andWhere('p.state = :state', { state: filter.state });
    if (filter.published !== undefined) qb.andWhere(filter.published ? 'p.published_at IS NOT NULL' : 'p.published_at IS NULL');
    return qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').skip(filter.skip).take(filter.take).getManyAndCount();
  }

  /** Files of several packs at once (a page of the list), in format order per pack. */
  filesOf(organisationId: string, packIds: string[]): Promise<PackFileEntity[]> {
    if (packIds.length === 0) return Promise.resolve([]);
    return this.files.find({ where: { organisationId, packId: In(packIds) }, order: { packId: 'ASC', format: 'ASC' } });
  }

  /**
   * For the ready packs among `packIds` whose date's snapshots have changed since they were made
   * (a higher revision now than the one recorded), when the last change was made: pack id -> time.
   */
  async figuresChangedAt(organisationId: string, packIds: string[]): Promise<Map<string, Date>> {
    if (packIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; changedAt: Date }[]>(
      `SELECT p.id, r.changed_at AS "changedAt" FROM pack p
       JOIN rag_snapshot_revision r ON r.plan_id = p.plan_id AND r.as_of = p.as_of AND r.revision > p.figures_revision
       WHERE p.organisation_id = $1 AND p.id = ANY ($2::uuid[]) AND p.state = 'ready'`,
      [organisationId, packIds],
    );
    return new Map(rows.map((r) => [r.id, r.changedAt]));
  }

  fileOf(organisationId: string, packId: string, format: PackFormat): Promise<PackFileEntity | null> {
    return this.files.findOneBy({ organisationId, packId, format });
  }

  /** Publishes a ready scrutiny pack once; false when it was not (still) publishable. */
  async publish(manager: EntityManager, organisationId: string, id: string, userId: string, at: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PackEntity)
      .set({ publishedAt: at, publishedById: userId })
      .where(`id = :id AND organisation_id = :organisationId AND audience = 'scrutiny' AND state = 'ready' AND published_at IS NULL`, { id, organisationId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The publication check stored with a pack (not loaded with the row: it can be long). */
  async publicationCheckOf(organisationId: string, id: string, manager?: EntityManager): Promise<PublicationCheck | null> {
    const row = await (manager ?? this.dataSource.manager)
      .createQueryBuilder(PackEntity, 'p')
      .select('p.publicationCheck', 'check')
      .where('p.id = :id AND p.organisation_id = :organisationId', { id, organisationId })
      .getRawOne<{ check: PublicationCheck | null }>();
    return row?.check ?? null;
  }

  // ---- Worker side -------------------------------------------------------------------------------

  /** Packs not finished (queued or generating), of every organisation, oldest first: the reconciler's work list. */
  findUnfinished(limit: number): Promise<PackEntity[]> {
    return this.packs.createQueryBuilder('p').where(`p.state IN ('queued', 'generating')`).orderBy('p.created_at', 'ASC').take(limit).getMany();
  }

  /**
   * Starts an attempt under a fresh `token` (see PackEntity.generationToken): a run still going
   * with an older token can no longer finish or fail the pack. False when the pack is already
   * ready (a repeated job) and must not be touched.
   */
  async markGenerating(organisationId: string, id: string, token: string): Promise<boolean> {
    const result = await this.packs
      .createQueryBuilder()
      .update()
      .set({ state: 'generating', progress: 0, failureReason: null, generationToken: token })
      .where(`id = :id AND organisation_id = :organisationId AND state <> 'ready'`, { id, organisationId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setProgress(organisationId: string, id: string, token: string, progress: number): Promise<void> {
    await this.packs
      .createQueryBuilder()
      .update()
      .set({ progress })
      .where(`id = :id AND organisation_id = :organisationId AND state = 'generating' AND generation_token = :token`, { id, organisationId, token })
      .execute();
  }

  /**
   * Ends the attempt `token`: the pack ready with its files' rows, in one transaction. False, with
   * nothing written, when the attempt is no longer the pack's own (another run started since, or
   * the pack was marked failed or finished meanwhile): its files are then the caller's to delete.
   * `figuresRevision`: the revision of the date's snapshots the pack was made from (PackSourceLoader.loadChecked).
   */
  markReady(
    organisationId: string,
    id: string,
    token: string,
    ready: { files: PackFileWrite[]; contentHash: string; completedAt: Date; publicationCheck: PublicationCheck | null; figuresRevision: number; screenedTitle?: string | null },
  ): Promise<boolean> {
    const { files, contentHash, completedAt, publicationCheck, figuresRevision, screenedTitle } = ready;
    return this.dataSource.transaction(async (manager) => {
      // The UPDATE locks the pack row: a run starting now (markGenerating) waits, then finds it ready.
      const result = await manager
        .createQueryBuilder()
        .update(PackEntity)
        .set({ state: 'ready', progress: 100, contentHash, completedAt, failureReason: null, publicationCheck, figuresRevision, ...(screenedTitle ? { title: screenedTitle } : {}) })
        .where(`id = :id AND organisation_id = :organisationId AND state = 'generating' AND generation_token = :token`, { id, organisationId, token })
        .execute();
      if ((result.affected ?? 0) === 0) return false;
      // One row per format: a format's row left by an earlier attempt (none today: rows are only
      // written here) is overwritten.
      await manager.upsert(PackFileEntity, files, { conflictPaths: ['packId', 'format'] });
      return true;
    });
  }

  /**
   * After a failed attempt: 'failed' when no retry is left, else back to 'queued' with the reason.
   * `token`: the attempt's own; it changes nothing once another run has taken the pack over. The
   * reconciler, failing a job that died for good, passes none.
   */
  async markAttemptFailed(organisationId: string, id: string, reason: string, final: boolean, at: Date, token?: string): Promise<void> {
    await this.packs
      .createQueryBuilder()
      .update()
      .set({ state: final ? 'failed' : 'queued', failureReason: reason.slice(0, 2000), completedAt: final ? at : null })
      .where(`id = :id AND organisation_id = :organisationId AND state <> 'ready'${token === undefined ? '' : ' AND generation_token = :token'}`, { id, organisationId, token })
      .execute();
  }
}
