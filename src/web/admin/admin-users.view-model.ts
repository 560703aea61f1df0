import { isEmail } from 'class-validator';
import { ORGANISATION_ROLES, PLAN_ROLES, type OrganisationRole, type PlanRole } from '../../common/request-context/request-context';
import type { MembershipDto, PlanDto } from '../../plans/dto/plan.dto';
import type { UserDto } from '../../users/dto/user.dto';
import { passwordProblem } from '../../users/password-policy';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { ROLE_WORDS } from '../common/view/role-words';
import { WEB_PATHS } from '../common/web-paths';

/** The users admin pages' own addresses, under WEB_PATHS.adminUsers. */
export const ADMIN_USER_ROUTE = Object.freeze({
  newUser: `${WEB_PATHS.adminUsers}/new`,
  user: `${WEB_PATHS.adminUsers}/:userId`,
  active: `${WEB_PATHS.adminUsers}/:userId/active`,
  password: `${WEB_PATHS.adminUsers}/:userId/password`,
  plans: `${WEB_PATHS.adminUsers}/:userId/plans`,
  removePlan: `${WEB_PATHS.adminUsers}/:userId/plans/:planId/remove`,
});

export const adminUserPaths = (userId: string) => {
  const base = `${WEB_PATHS.adminUsers}/${encodeURIComponent(userId)}`;
  return { user: base, active: `${base}/active`, password: `${base}/password`, plans: `${base}/plans`, removePlan: (planId: string) => `${base}/plans/${encodeURIComponent(planId)}/remove` };
};

/** What each organisation role means, for the radios. */
const ORGANISATION_ROLE_HINTS: Readonly<Record<OrganisationRole, string>> = Object.freeze({
  member: 'Works in the plans they are given a role in (board member, action owner or scrutiny member).',
  chief_officer: 'Sees every plan of the organisation side by side.',
  admin: 'Manages users, plans and settings, and acts in every plan.',
});

const PLAN_ROLE_HINTS: Readonly<Record<PlanRole, string>> = Object.freeze({
  board: 'Builds the plan, reviews evidence, generates and publishes packs.',
  owner: 'Updates their own actions and uploads evidence.',
  scrutiny: 'Reads the published scrutiny reports only.',
});

export interface RadioItem {
  value: string;
  text: string;
  hint?: { text: string };
  checked?: boolean;
}

export const organisationRoleItems = (selected: string | null): RadioItem[] =>
  (['member', 'chief_officer', 'admin'] as const).map((role) => ({ value: role, text: ROLE_WORDS[role], hint: { text: ORGANISATION_ROLE_HINTS[role] }, checked: role === selected }));

export const planRoleItems = (selected: string | null): RadioItem[] => PLAN_ROLES.map((role) => ({ value: role, text: ROLE_WORDS[role], hint: { text: PLAN_ROLE_HINTS[role] }, checked: role === selected }));

/** One plan a user holds a role in. */
export interface UserPlanRole {
  planId: string;
  planTitle: string;
  role: PlanRole;
}

/** Who holds which role in which plan, by user id, from each plan's memberships. */
export function planRolesByUser(plans: readonly PlanDto[], memberships: readonly MembershipDto[]): Map<string, UserPlanRole[]> {
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  const byUser = new Map<string, UserPlanRole[]>();
  for (const m of memberships) {
    const title = titles.get(m.planId);
    if (title === undefined) continue;
    byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), { planId: m.planId, planTitle: title, role: m.role }]);
  }
  for (const roles of byUser.values()) roles.sort((a, b) => a.planTitle.localeCompare(b.planTitle));
  return byUser;
}

// ---- The list -----------------------------------------------------------------------------------

export interface UserListRow {
  name: string;
  href: string;
  email: string;
  roleWords: string;
  /** "Adult social care plan: Action owner", one a line; empty when none. */
  planRoles: string[];
  active: boolean;
}

export interface UsersListViewModel {
  pageTitle: string;
  activeNav: 'admin';
  newUserHref: string;
  rows: UserListRow[];
  total: number;
  pagination: { previous?: { href: string }; next?: { href: string } } | null;
}

export function usersListPage(users: readonly UserDto[], planRoles: Map<string, UserPlanRole[]>, page: { page: number; pageSize: number; total: number }): UsersListViewModel {
  const at = (n: number) => `${WEB_PATHS.adminUsers}?page=${n}`;
  const hasNext = page.page * page.pageSize < page.total;
  return {
    pageTitle: 'Users',
    activeNav: 'admin',
    newUserHref: ADMIN_USER_ROUTE.newUser,
    total: page.total,
    rows: users.map((u) => ({
      name: u.name,
      href: adminUserPaths(u.id).user,
      email: u.email,
      roleWords: ROLE_WORDS[u.role],
      planRoles:
        u.role === 'admin' ? ['Every plan, as administrator'] : (planRoles.get(u.id) ?? []).map((r) => `${r.planTitle}: ${ROLE_WORDS[r.role]}`),
      active: u.active,
    })),
    pagination: page.page > 1 || hasNext ? { ...(page.page > 1 ? { previous: { href: at(page.page - 1) } } : {}), ...(hasNext ? { next: { href: at(page.page + 1) } } : {}) } : null,
  };
}

// ---- Adding a user --------------------------------------------------------------------------------

export interface NewUserForm {
  name: string;
  email: string;
  jobTitle: string;
  partnerAgency: string;
  role: string;
  password: string;
}

export const EMPTY_NEW_USER: NewUserForm = Object.freeze({ name: '', email: '', jobTitle: '', partnerAgency: '', role: '', password: '' });

/** The form's checks, in field order (the users service checks the email is free). */
export function newUserFormErrors(form: NewUserForm): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(...nameErrors(form.name));
  if (!form.email.trim()) errors.push({ field: 'email', text: 'Enter an email address' });
  else if (form.email.trim().length > 320 || !isEmail(form.email.trim())) errors.push({ field: 'email', text: 'Enter an email address in the correct format, like name@council.gov.uk' });
  errors.push(...detailErrors(form));
  if (!(ORGANISATION_ROLES as readonly string[]).includes(form.role)) errors.push({ field: 'role', text: 'Select a role in the organisation', href: '#role' });
  errors.push(...passwordErrors('password', form.password, 'initial password'));
  return errors;
}

function nameErrors(name: string): FieldError[] {
  if (!name.trim()) return [{ field: 'name', text: 'Enter a name' }];
  if (name.trim().length > 200) return [{ field: 'name', text: 'Name must be 200 characters or fewer' }];
  return [];
}

function detailErrors(form: { jobTitle: string; partnerAgency: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (form.jobTitle.trim().length > 200) errors.push({ field: 'jobTitle', text: 'Job title must be 200 characters or fewer' });
  if (form.partnerAgency.trim().length > 200) errors.push({ field: 'partnerAgency', text: 'Partner agency must be 200 characters or fewer' });
  return errors;
}

function passwordErrors(field: string, password: string, what: string): FieldError[] {
  if (!password) return [{ field, text: `Enter ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}` }];
  const problem = passwordProblem(password);
  return problem ? [{ field, text: `The ${what} ${problem}` }] : [];
}

export interface NewUserViewModel {
  pageTitle: string;
  activeNav: 'admin';
  backLink: string;
  errors: FormErrors;
  /** What was typed, except the password, which is never sent back. */
  form: Omit<NewUserForm, 'password'>;
  roleItems: RadioItem[];
  action: string;
}

export function newUserPage(form: NewUserForm = EMPTY_NEW_USER, errors: FormErrors = []): NewUserViewModel {
  const { password: _password, ...shown } = form;
  return { pageTitle: 'Add a user', activeNav: 'admin', backLink: WEB_PATHS.adminUsers, errors, form: shown, roleItems: organisationRoleItems(form.role || null), action: ADMIN_USER_ROUTE.newUser };
}

// ---- One user ----------------------------------------------------------------------------------

export interface UserDetailsForm {
  name: string;
  jobTitle: string;
  partnerAgency: string;
  role: string;
}

export function userDetailsFormErrors(form: UserDetailsForm): FieldError[] {
  const errors = [...nameErrors(form.name), ...detailErrors(form)];
  if (!(ORGANISATION_ROLES as readonly string[]).includes(form.role)) errors.push({ field: 'role', text: 'Select a role in the organisation', href: '#role' });
  return errors;
}

export function resetPasswordFormErrors(password: string): FieldError[] {
  return passwordErrors('newPassword', password, 'new password');
}

export interface MembershipForm {
  planId: string;
  planRole: string;
}

export function membershipFormErrors(form: MembershipForm, plans: readonly { id: string }[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!plans.some((p) => p.id === form.planId)) errors.push({ field: 'planId', text: 'Select a plan' });
  if (!(PLAN_ROLES as readonly string[]).includes(form.planRole)) errors.push({ field: 'planRole', text: 'Select a role in the plan', href: '#planRole' });
  return errors;
}

interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface UserPlanRoleRow extends UserPlanRole {
  roleWords: string;
  planHref: string;
  removeAction: string;
  /** The role radios to change it, with the current one checked. */
  roleItems: RadioItem[];
}

export interface UserViewModel {
  pageTitle: string;
  activeNav: 'admin';
  backLink: string;
  errors: FormErrors;
  user: { id: string; name: string; version: number; active: boolean; isAdmin: boolean; isChiefOfficer: boolean };
  isSelf: boolean;
  rows: SummaryRow[];
  details: UserDetailsForm;
  roleItems: RadioItem[];
  actions: ReturnType<typeof adminUserPaths>;
  planRoles: UserPlanRoleRow[];
  /** The open plans to offer in "Give a role in a plan, or change one", each saying the role held now. */
  planItems: { value: string; text: string; selected?: boolean }[];
  membership: MembershipForm;
  newPlanRoleItems: RadioItem[];
}

export interface UserPageInput {
  user: UserDto;
  actorId: string;
  plans: readonly PlanDto[];
  planRoles: readonly UserPlanRole[];
  errors?: FormErrors;
  /** What was sent, when a form comes back with errors. */
  details?: UserDetailsForm;
  membership?: MembershipForm;
}

export function userPage(input: UserPageInput): UserViewModel {
  const { user } = input;
  const paths = adminUserPaths(user.id);
  const given = (v: string | null) => v || 'Not given';
  const details = input.details ?? { name: user.name, jobTitle: user.jobTitle ?? '', partnerAgency: user.partnerAgency ?? '', role: user.role };
  const held = new Map(input.planRoles.map((r) => [r.planId, r.role]));
  const membership = input.membership ?? { planId: '', planRole: '' };
  return {
    pageTitle: user.name,
    activeNav: 'admin',
    backLink: WEB_PATHS.adminUsers,
    errors: input.errors ?? [],
    user: { id: user.id, name: user.name, version: user.version, active: user.active, isAdmin: user.role === 'admin', isChiefOfficer: user.role === 'chief_officer' },
    isSelf: user.id === input.actorId,
    rows: [
      { key: { text: 'Email address' }, value: { text: user.email } },
      { key: { text: 'Role in the organisation' }, value: { text: ROLE_WORDS[user.role] } },
      { key: { text: 'Job title' }, value: { text: given(user.jobTitle) } },
      { key: { text: 'Partner agency' }, value: { text: given(user.partnerAgency) } },
      { key: { text: 'Status' }, value: { text: user.active ? 'Active' : 'Deactivated: cannot sign in' } },
    ],
    details,
    roleItems: organisationRoleItems(details.role),
    actions: paths,
    planRoles: input.planRoles.map((r) => ({
      ...r,
      roleWords: ROLE_WORDS[r.role],
      planHref: `/plans/${encodeURIComponent(r.planId)}`,
      removeAction: paths.removePlan(r.planId),
      roleItems: planRoleItems(r.role),
    })),
    planItems: [
      { value: '', text: 'Choose a plan', selected: membership.planId === '' },
      ...input.plans
        .filter((p) => p.status !== 'closed')
        .map((p) => {
          const now = held.get(p.id);
          return { value: p.id, text: now ? `${p.title} (now: ${ROLE_WORDS[now]})` : p.title, selected: p.id === membership.planId };
        }),
    ],
    membership,
    newPlanRoleItems: planRoleItems(membership.planRole || null),
  };
}
