import { passwordProblem } from '../users/password-policy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { firstPlanTitle, PlansService } from '../plans/plans.service';
import { hashPassword } from '../users/password-hasher';
import { toUserDto } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import type { ServiceArea } from '../vocabulary/service-area';
import { CreatedOrganisationDto, OrganisationDto } from './dto/organisation.dto';
import { toOrganisationDto } from './organisation.mapper';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsErrorCode } from './organisations.exception';

export interface CreateOrganisationInput {
  name: string;
  slug?: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  /** The first plan's title; defaults to "<organisation> improvement plan". */
  firstPlanTitle?: string;
  firstPlanServiceArea?: ServiceArea;
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
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly plans: PlansService,
  ) {}

  async createWithAdmin(input: CreateOrganisationInput): Promise<CreatedOrganisationDto> {
    const problem = passwordProblem(input.adminPassword);
    if (problem) throw AppException.invalidField('adminPassword', problem);
    const email = input.adminEmail.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw AppException.invalidField('adminEmail', 'must be an email address');
    const passwordHash = await hashPassword(input.adminPassword);
    return this.dataSource.transaction(async (manager) => {
      const slug = input.slug ?? slugify(input.name);
      if (await this.organisations.slugTaken(slug, manager)) {
        throw AppException.conflict(OrganisationsErrorCode.OrganisationExists, `An organisation with slug "${slug}" already exists`);
      }
      if (await this.users.emailTaken(email, manager)) {
        throw AppException.conflict(OrganisationsErrorCode.EmailTaken, `adminEmail: ${email} is already in use`);
      }
      const organisation = await this.organisations.insert(manager, { name: input.name.trim(), slug });
      const admin = await this.users.insert(manager, {
        organisationId: organisation.id,
        email,
        name: input.adminName?.trim() || 'Administrator',
        role: 'admin',
        jobTitle: 'System administrator',
        partnerAgency: null,
        active: true,
        passwordHash,
      });
      await this.audit.recordMany(manager, [
        { organisationId: organisation.id, entityType: 'organisation', entityId: organisation.id, action: 'create', after: organisation },
        { organisationId: organisation.id, entityType: 'user', entityId: admin.id, action: 'create', after: admin },
      ]);
      // Every organisation starts with one plan named after it; administrators add others (POST /plans).
      const plan = await this.plans.insertPlan(manager, organisation.id, { title: input.firstPlanTitle ?? firstPlanTitle(organisation.name), serviceArea: input.firstPlanServiceArea });
      return { organisation: toOrganisationDto(organisation), admin: toUserDto(admin), firstPlanId: plan.id };
    });
  }

  async findById(id: string): Promise<OrganisationDto | null> {
    const organisation = await this.organisations.findById(id);
    return organisation ? toOrganisationDto(organisation) : null;
  }

  async findBySlug(slug: string): Promise<OrganisationDto | null> {
    const organisation = await this.organisations.findBySlug(slug);
    return organisation ? toOrganisationDto(organisation) : null;
  }

  /** Removes an organisation and (by cascade) all its rows; its audit events stay. Used by the demo's reset. */
  deleteBySlug(slug: string): Promise<boolean> {
    return this.organisations.deleteBySlug(slug);
  }
}
