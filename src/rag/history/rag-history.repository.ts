import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RagSnapshotEntity } from '../entities/rag-snapshot.entity';
import type { OverrideShownDto } from '../overrides/dto/override-shown.dto';
import { findOverridesShown } from '../overrides/overrides-shown.query';

@Injectable()
export class RagHistoryRepository {
  constructor(@InjectRepository(RagSnapshotEntity) private readonly repo: Repository<RagSnapshotEntity>) {}

  /** Newest reporting date first (the unique index on action and date serves it). */
  findPage(organisationId: string, actionId: string, skip: number, take: number): Promise<[RagSnapshotEntity[], number]> {
    return this.repo.findAndCount({ where: { organisationId, actionId }, order: { asOf: 'DESC' }, skip, take });
  }

  /** The overrides a page of snapshots names, with who set them, by id. */
  overridesShown(organisationId: string, rows: readonly RagSnapshotEntity[]): Promise<Map<string, OverrideShownDto>> {
    return findOverridesShown(this.repo.manager, organisationId, rows.flatMap((r) => (r.overridden && r.overrideId ? [r.overrideId] : [])));
  }
}
