import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { OrganisationEntity } from './entities/organisation.entity';

/**
 * The organisation queries: making and removing organisations (the command line, the demo and tests)
 * and reading one for the features that show its name (packs).
 */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectRepository(OrganisationEntity) private readonly repo: Repository<OrganisationEntity>) {}

  private r(manager?: EntityManager): Repository<OrganisationEntity> {
    return manager?.getRepository(OrganisationEntity) ?? this.repo;
  }

  slugTaken(slug: string, manager?: EntityManager): Promise<boolean> {
    return this.r(manager).exists({ where: { slug } });
  }

  insert(manager: EntityManager, row: Pick<OrganisationEntity, 'name' | 'slug'>): Promise<OrganisationEntity> {
    const repo = this.r(manager);
    return repo.save(repo.create(row));
  }

  findById(id: string, manager?: EntityManager): Promise<OrganisationEntity | null> {
    return this.r(manager).findOne({ where: { id } });
  }

  findBySlug(slug: string): Promise<OrganisationEntity | null> {
    return this.repo.findOne({ where: { slug } });
  }

  /** Every row of the organisation goes with it (ON DELETE CASCADE); its audit events stay. True when there was one. */
  async deleteBySlug(slug: string): Promise<boolean> {
    const result = await this.repo.delete({ slug });
    return (result.affected ?? 0) > 0;
  }
}
