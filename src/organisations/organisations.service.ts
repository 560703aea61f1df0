import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { UserEntity } from '../users/entities/user.entity';
import { hashPassword } from '../users/password-hasher';
import { OrganisationEntity } from './entities/organisation.entity';

export interface CreateOrganisationInput {
  name: string;
  slug?: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100) || 'organisation';

/** Organisations are created from the command line (or the demo and tests), never through the API. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async createWithAdmin(input: CreateOrganisationInput): Promise<{ organisation: OrganisationEntity; admin: UserEntity }> {
    if (input.adminPassword.length < 12) throw AppException.invalidField('adminPassword', 'must be at least 12 characters');
    const email = input.adminEmail.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw AppException.invalidField('adminEmail', 'must be an email address');
    const passwordHash = await hashPassword(input.adminPassword);
    return this.dataSource.transaction(async (manager) => {
      const slug = input.slug ?? slugify(input.name);
      if (await manager.exists(OrganisationEntity, { where: { slug } })) {
        throw AppException.conflict('organisation_exists', `An organisation with slug "${slug}" already exists`);
      }
      if (await manager.exists(UserEntity, { where: { email } })) {
        throw AppException.conflict('email_taken', `adminEmail: ${email} is already in use`);
      }
      const organisation = await manager.save(manager.create(OrganisationEntity, { name: input.name.trim(), slug }));
      const admin = await manager.save(
        manager.create(UserEntity, {
          organisationId: organisation.id,
          email,
          name: input.adminName?.trim() || 'Administrator',
          role: 'admin',
          jobTitle: 'System administrator',
          active: true,
          passwordHash,
        }),
      );
      await this.audit.recordMany(manager, [
        { organisationId: organisation.id, entityType: 'organisation', entityId: organisation.id, action: 'create', after: organisation },
        { organisationId: organisation.id, entityType: 'user', entityId: admin.id, action: 'create', after: admin },
      ]);
      return { organisation, admin };
    });
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOne({ where: { id } });
  }

  findBySlug(slug: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOne({ where: { slug } });
  }

  /** Removes an organisation and (by cascade) all its rows; its audit events stay. Used by the demo's reset. */
  async deleteBySlug(slug: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(OrganisationEntity).delete({ slug });
    return (result.affected ?? 0) > 0;
  }
}
