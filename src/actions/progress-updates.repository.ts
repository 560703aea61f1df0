import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageQueryDto } from '../common/pagination/page.dto';
import { ProgressUpdateEntity } from './entities/progress-update.entity';

/** The columns a new progress update is written with. */
export type NewProgressUpdate = Pick<
  ProgressUpdateEntity,
  'organisationId' | 'actionId' | 'authorId' | 'updateDate' | 'recordedAt' | 'narrative' | 'statusAtTime' | 'progressPercentAtTime'
>;

@Injectable()
export class ProgressUpdatesRepository {
  constructor(@InjectRepository(ProgressUpdateEntity) private readonly repo: Repository<ProgressUpdateEntity>) {}

  insert(manager: EntityManager, row: NewProgressUpdate): Promise<ProgressUpdateEntity> {
    const repo = manager.getRepository(ProgressUpdateEntity);
    return repo.save(repo.create(row));
  }

  private withAuthor(organisationId: string, actionId: string) {
    return this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.author', 'author')
      .where('u.organisationId = :organisationId AND u.actionId = :actionId', { organisationId, actionId })
      .orderBy('u.updateDate', 'DESC')
      .addOrderBy('u.createdAt', 'DESC')
      .addOrderBy('u.id', 'DESC');
  }

  /** Newest first: by the date the update speaks for, then by when it was written. */
  findPage(organisationId: string, actionId: string, q: PageQueryDto): Promise<[ProgressUpdateEntity[], number]> {
    return this.withAuthor(organisationId, actionId).offset(q.skip).limit(q.pageSize).getManyAndCount();
  }

  findLatest(organisationId: string, actionId: string): Promise<ProgressUpdateEntity | null> {
    return this.withAuthor(organisationId, actionId).limit(1).getOne();
  }

  findWithAuthor(organisationId: string, id: string): Promise<ProgressUpdateEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.author', 'author')
      .where('u.organisationId = :organisationId AND u.id = :id', { organisationId, id })
      .getOne();
  }
}
