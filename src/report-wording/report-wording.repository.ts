import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ReportWordingEntity } from './entities/report-wording.entity';

/** The report wording queries: one row per organisation. */
@Injectable()
export class ReportWordingRepository {
  constructor(@InjectRepository(ReportWordingEntity) private readonly repo: Repository<ReportWordingEntity>) {}

  find(organisationId: string, manager?: EntityManager): Promise<ReportWordingEntity | null> {
    return (manager?.getRepository(ReportWordingEntity) ?? this.repo).findOne({ where: { organisationId } });
  }

  /** The row locked for the rest of the transaction (null when the organisation has none yet). */
  findForUpdate(manager: EntityManager, organisationId: string): Promise<ReportWordingEntity | null> {
    return manager.getRepository(ReportWordingEntity).findOne({ where: { organisationId }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, row: ReportWordingEntity): Promise<ReportWordingEntity> {
    return manager.getRepository(ReportWordingEntity).save(row);
  }

  create(manager: EntityManager, organisationId: string): ReportWordingEntity {
    return manager.getRepository(ReportWordingEntity).create({ organisationId });
  }
}
