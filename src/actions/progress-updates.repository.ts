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

/** What a response shows of a progress update and its author (see `toProgressUpdateDto`). */
export type ProgressUpdateShown = Pick<ProgressUpdateEntity, 'id' | 'actionId' | 'updateDate' | 'narrative' | 'statusAtTime' | 'progressPercentAtTime' | 'createdAt'> & {
  author: { id: string; name: string; jobTitle: string | null; partnerAgency: string | null };
};

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

  /** The newest update (the order of `findPage`) as GET /actions/:id shows it, as fixed SQL read as a raw row. */
  async findLatestShown(organisationId: string, actionId: string): Promise<ProgressUpdateShown | null> {
    const rows = await this.repo.manager.query<(Omit<ProgressUpdateShown, 'author'> & { authorId: string; authorName: string; authorJobTitle: string | null; authorPartnerAgency: string | null })[]>(
      `SELECT "u"."id", "u"."action_id" AS "actionId", to_char("u"."update_date", 'YYYY-MM-DD') AS "updateDate", "u"."narrative",
              "u"."status_at_time" AS "statusAtTime", "u"."progress_percent_at_time" AS "progressPercentAtTime", "u"."created_at" AS "createdAt",
              "author"."id" AS "authorId", "author"."name" AS "authorName", "author"."job_title" AS "authorJobTitle", "author"."partner_agency" AS "authorPartnerAgency"
         FROM "progress_update" "u"
         LEFT JOIN "user" "author" ON "author"."id" = "u"."author_id"
        WHERE "u"."organisation_id" = $1 AND "u"."action_id" = $2
        ORDER BY "u"."update_date" DESC, "u"."created_at" DESC, "u"."id" DESC
        LIMIT 1`,
      [organisationId, actionId],
    );
    const r = rows[0];
    if (!r) return null;
    const { authorId, authorName, authorJobTitle, authorPartnerAgency, ...update } = r;
    return { ...update, author: { id: authorId, name: authorName, jobTitle: authorJobTitle, partnerAgency: authorPartnerAgency } };
  }

  findWithAuthor(organisationId: string, id: string): Promise<ProgressUpdateEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.author', 'author')
      .where('u.organisationId = :organisationId AND u.id = :id', { organisationId, id })
      .getOne();
  }
}
