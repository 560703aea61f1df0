import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RagSnapshotEntity } from '../entities/rag-snapshot.entity';

@Injectable()
export class RagHistoryRepository {
  constructor(@InjectRepository(RagSnapshotEntity) private readonly repo: Repository<RagSnapshotEntity>) {}

  /** Newest reporting date first (the unique index on action and date serves it). */
  findPage(organisationId: string, actionId: string, skip: number, take: number): Promise<[RagSnapshotEntity[], number]> {
    return this.repo.findAndCount({ where: { organisationId, actionId }, order: { asOf: 'DESC' }, skip, take });
  }
}
