import { Body, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser, OrganisationRole, PlanRole } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { PlansService } from '../../plans/plans.service';
import { PlansErrorCode } from '../../plans/plans.exception';
import { UserDto, UserQueryDto } from '../../users/dto/user.dto';
import { UsersService } from '../../users/users.service';
import { AppException } from '../../common/errors/app.exception';
import { CommonErrorCode } from '../../common/errors/error-code';
import { WebController } from '../common/auth/web.decorators';
import { formValue, formVersion, type FieldError } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import {
  ADMIN_USER_ROUTE,
  adminUserPaths,
  membershipFormErrors,
  newUserFormErrors,
  newUserPage,
  NewUserViewModel,
  planRolesByUser,
  resetPasswordFormErrors,
  userDetailsFormErrors,
  userPage,
  UsersListViewModel,
  usersListPage,
  type MembershipForm,
  type UserDetailsForm,
} from './admin-users.view-model';
import { serviceFieldErrors } from './service-errors';

const NEW_USER_VIEW = 'admin/new-user';
const USER_VIEW = 'admin/user';
const PAGE_SIZE = 50;

const NEW_USER_FIELDS = {
  email: { field: 'email', label: 'Email address' },
  name: { field: 'name', label: 'Name' },
  jobTitle: { field: 'jobTitle', label: 'Job title' },
  partnerAgency: { field: 'partnerAgency', label: 'Partner agency' },
  password: { field: 'password', label: 'The initial password' },
};

/**
 * Administration: the organisation's users, their organisation role, their roles in each plan,
 * deactivation and password resets (organisation administrators only). The same services as the
 * API's /users and /plans/:planId/members, with the same rules and audit.
 */
@WebController()
@Roles('admin')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly plans: PlansService,
  ) {}

  @Get(WEB_PATHS.adminUsers)
  @Render('admin/users')
  async list(@CurrentUser() actor: AuthUser, @Query('page') pageParam?: string): Promise<UsersListViewModel> {
    const page = Math.max(1, Math.min(10_000, Number.parseInt(pageParam ?? '1', 10) || 1));
    const query = Object.assign(new UserQueryDto(), { page, pageSize: PAGE_SIZE });
    const [users, plans] = await Promise.all([this.users.list(actor, query), this.plans.list(actor)]);
    const memberships = (await Promise.all(plans.map((p) => this.plans.members(actor, p.id)))).flat();
    return usersListPage(users.items, planRolesByUser(plans, memberships), { page, pageSize: PAGE_SIZE, total: users.total });
  }

  @Get(ADMIN_USER_ROUTE.newUser)
  @Render(NEW_USER_VIEW)
  newUserForm(): NewUserViewModel {
    return newUserPage();
  }

  @Post(ADMIN_USER_ROUTE.newUser)
  async create(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() actor: AuthUser, @Body() body: unknown): Promise<void> {
    const form = { name: formValue(body, 'name'), email: formValue(body, 'email'), jobTitle: formValue(body, 'jobTitle'), partnerAgency: formValue(body, 'partnerAgency'), role: formValue(body, 'role'), password: formValue(body, 'password') };
    const errors = newUserFormErrors(form);
    if (errors.length > 0) return res.status(400).render(NEW_USER_VIEW, newUserPage(form, errors));
    try {
      const created = await this.users.create(actor, {
        name: form.name.trim(),
        email: form.email.trim().toLowerCase(),
        jobTitle: form.jobTitle.trim() || undefined,
        partnerAgency: form.partnerAgency.trim() || undefined,
        role: form.role as OrganisationRole,
        password: form.password,
      });
      await redirectWithFlash(req, res, { kind: 'success', title: `${created.name} has been added`, text: 'Give them a role in a plan below, and tell them their initial password in person or by phone.' }, adminUserPaths(created.id).user);
    } catch (err) {
      const fieldErrors = serviceFieldErrors(err, NEW_USER_FIELDS);
      if (fieldErrors) return res.status(400).render(NEW_USER_VIEW, newUserPage(form, fieldErrors));
      throw err;
    }
  }

  @Get(ADMIN_USER_ROUTE.user)
  async user(@Res() res: Response, @CurrentUser() actor: AuthUser, @Param('userId', UuidParam) userId: string): Promise<void> {
    await this.renderUser(res, actor, userId, 200);
  }

  /** Name, job title, partner agency and organisation role. */
  @Post(ADMIN_USER_ROUTE.user)
  async updateDetails(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() actor: AuthUser, @Param('userId', UuidParam) userId: string, @Body() body: unknown): Promise<void> {
    const details: UserDetailsForm = { name: formValue(body, 'name'), jobTitle: formValue(body, 'jobTitle'), partnerAgency: formValue(body, 'partnerAgency'), role: formValue(body, 'role') };
    const errors = userDetailsFormErrors(details);
    if (details.role && details.role !== 'admin' && userId === actor.id) errors.push({ field: 'role', text: 'You cannot remove your own administrator role', href: '#role' });
    if (errors.length > 0) return this.renderUser(res, actor, userId, 400, { errors, details });
    let updated: UserDto;
    try {
      updated = await this.users.update(actor, userId, {
        name: details.name.trim(),
        jobTitle: details.jobTitle.trim() || null,
        partnerAgency: details.partnerAgency.trim() || null,
        role: details.role as OrganisationRole,
        version: formVersion(body),
      });
    } catch (err) {
      // Made a chief officer, they would leave every plan: not while they own open actions (labelled with their plan).
      const owns = ownsOpenActions(err, null, 'making them a chief officer');
      if (owns) return this.renderUser(res, actor, userId, 409, { errors: [{ field: 'role', text: owns }], details });
      throw err;
    }
    await redirectWithFlash(req, res, { kind: 'success', title: `${updated.name}'s details have been saved` }, adminUserPaths(userId).user);
  }

  /** Deactivating ends the user's sessions and tokens at once; reactivating lets them sign in again. */
  @Post(ADMIN_USER_ROUTE.active)
  async setActive(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() actor: AuthUser, @Param('userId', UuidParam) userId: string, @Body() body: unknown): Promise<void> {
    const active = formValue(body, 'active') === 'true';
    const updated = await this.users.update(actor, userId, { active, version: formVersion(body) });
    const title = active ? `${updated.name} has been reactivated` : `${updated.name} has been deactivated`;
    const text = active ? 'They can sign in again.' : 'They have been signed out everywhere and cannot sign in.';
    await redirectWithFlash(req, res, { kind: 'success', title, text }, adminUserPaths(userId).user);
  }

  /** A new password set by the administrator ends the user's sessions and tokens. */
  @Post(ADMIN_USER_ROUTE.password)
  async resetPassword(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() actor: AuthUser, @Param('userId', UuidParam) userId: string, @Body() body: unknown): Promise<void> {
    const password = formValue(body, 'newPassword');
    const errors = resetPasswordFormErrors(password);
    if (errors.length > 0) return this.renderUser(res, actor, userId, 400, { errors });
    const updated = await this.users.update(actor, userId, { password, version: formVersion(body) });
    await redirectWithFlash(req, res, { kind: 'success', title: `${updated.name}'s password has been reset`, text: 'They have been signed out everywhere. Tell them the new password in person or by phone.' }, adminUserPaths(userId).user);
  }

  /** Gives the user a role in a plan, or changes it (PUT /plans/:planId/members/:userId). */
  @Post(ADMIN_USER_ROUTE.plans)
  async setPlanRole(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() actor: AuthUser, @Param('userId', UuidParam) userId: string, @Body() body: unknown): Promise<void> {
    const membership: MembershipForm = { planId: formValue(body, 'planId'), planRole: formValue(body, 'planRole') };
    const plans = await this.plans.list(actor);
    const errors = membershipFormErrors(membership, plans);
    if (errors.length > 0) return this.renderUser(res, actor, userId, 400, { errors, membership });
    try {
      const set = await this.plans.putMember(actor, membership.planId, userId, membership.planRole as PlanRole);
      const planTitle = plans.find((p) => p.id === membership.planId)?.title ?? 'the plan';
      await redirectWithFlash(req, res, { kind: 'success', title: `${set.name}'s role in ${planTitle} has been saved` }, adminUserPaths(userId).user);
    } catch (err) {
      if (err instanceof AppException && err.code === PlansErrorCode.AdminNeedsNoMembership) {
        return this.renderUser(res, actor, userId, 400, { errors: [{ field: 'planId', text: 'Administrators act in every plan: they are not given a plan role' }], membership });
      }
      if (err instanceof AppException && err.code === CommonErrorCode.ValidationFailed && (err.details as { field?: string }[] | undefined)?.[0]?.field === 'userId') {
        return this.renderUser(res, actor, userId, 400, { errors: [{ field: 'planId', text: 'Chief officers see the organisation overview only: they are not given a plan role' }], membership });
      }
      const owns = ownsOpenActions(err, plans.find((p) => p.id === membership.planId)?.title ?? 'the plan', 'making them a scrutiny member');
      if (owns) return this.renderUser(res, actor, userId, 409, { errors: [{ field: 'planId', text: owns }], membership });
      throw err;
    }
  }

  @Post(ADMIN_USER_ROUTE.removePlan)
  async removePlanRole(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() actor: AuthUser,
    @Param('userId', UuidParam) userId: string,
    @Param('planId', UuidParam) planId: string,
  ): Promise<void> {
    const user = await this.users.get(actor, userId);
    const plan = await this.plans.get(actor, planId);
    try {
      await this.plans.removeMember(actor, planId, userId);
    } catch (err) {
      const owns = ownsOpenActions(err, plan.title, 'taking their role away');
      // The summary links to the roles table the Remove button is in, not to the form below it.
      if (owns) return this.renderUser(res, actor, userId, 409, { errors: [{ field: 'plan-roles', text: owns }] });
      throw err;
    }
    await redirectWithFlash(req, res, { kind: 'success', title: `${user.name} no longer has a role in ${plan.title}` }, adminUserPaths(userId).user);
  }

  private async renderUser(
    res: Response,
    actor: AuthUser,
    userId: string,
    status: number,
    extra: { errors?: FieldError[]; details?: UserDetailsForm; membership?: MembershipForm } = {},
  ): Promise<void> {
    const user = await this.users.get(actor, userId);
    const plans = await this.plans.list(actor);
    const memberships = (await Promise.all(plans.map((p) => this.plans.members(actor, p.id)))).flat().filter((m) => m.userId === userId);
    const planRoles = planRolesByUser(plans, memberships).get(userId) ?? [];
    res.status(status).render(USER_VIEW, userPage({ user, actorId: actor.id, plans, planRoles, ...extra }));
  }
}


/**
 * A membership change refused because the user owns open actions of the plan (409 has_dependents):
 * the sentence for the error summary, naming the actions; null for any other error. With no plan
 * title (a change that would take every plan role away) the actions' labels name their plans.
 */
function ownsOpenActions(err: unknown, planTitle: string | null, change: string): string | null {
  if (!(err instanceof AppException) || err.code !== CommonErrorCode.HasDependents) return null;
  const [owned] = (err.details as { dependents?: { count: number; items: { label: string }[] }[] } | undefined)?.dependents ?? [];
  if (!owned) return null;
  const shown = owned.items.slice(0, 10).map((i) => i.label);
  const more = owned.count - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  return `They own ${owned.count === 1 ? 'an open action' : `${owned.count} open actions`}${planTitle === null ? '' : ` in ${planTitle}`} (${list}): give ${owned.count === 1 ? 'it' : 'them'} another owner before ${change}`;
}
