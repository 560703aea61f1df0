import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { RegulatorQueryDto } from './dto/regulator.dto';
import { RegulatorEntity } from './entities/regulator.entity';

/** Regulators an organisation sees: the built-in ones (no organisation) and its own. */
@Injectable()
export class RegulatorsRepository {
  constructor(@InjectRepository(RegulatorEntity) private readonly repo: Repository<RegulatorEntity>) {}

  private visible(organisationId: string, manager?: EntityManager) {
    return (manager?.getRepository(RegulatorEntity) ?? this.repo)
      .createQueryBuilder('r')
      .where(new Brackets((w) => w.where('r.organisationId IS NULL').orWhere('r.organisationId = :organisationId', { organisationId })));
  }

  insert(manager: EntityManager, row: Pick<RegulatorEntity, 'organisationId' | 'code' | 'name' | 'judgementScale'>): Promise<RegulatorEntity> {
    const repo = manager.getRepository(RegulatorEntity);
    return repo.save(repo.create(row));
  }

  findVisible(organisationId: string, id: string, manager?: EntityManager): Promise<RegulatorEntity | null> {
    return this.visible(organisationId, manager).andWhere('r.id = :id', { id }).getOne();
  }

  findVisibleByIds(organisationId: string, ids: string[]): Promise<RegulatorEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.visible(organisationId).andWhere('r.id IN (:...ids)', { ids }).getMany();
  }

  /** A code is taken if a built-in regulator or one of the organisation's own already uses it. */
  codeTaken(organisationId: string, code: string, manager?: EntityManager): Promise<boolean> {
    return this.visible(organisationId, manager).andWhere('r.code = :code', { code }).getExists();
  }

  findPage(organisationId: string, q: RegulatorQueryDto): Promise<[RegulatorEntity[], number]> {
    // Built-in first, then the organisation's own, each by name.
    return this.visible(organisationId)
      .orderBy('r.organisationId', 'ASC', 'NULLS FIRST')
      .addOrderBy('r.name', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip(q.skip)
      .take(q.pageSize)
      .getManyAndCount();
  }
}
