import type { MembershipDto, PlanDto } from '../../plans/dto/plan.dto';
import type { UserDto } from '../../users/dto/user.dto';
import { membershipFormErrors, newUserFormErrors, newUserPage, planRolesByUser, resetPasswordFormErrors, userDetailsFormErrors, userPage, usersListPage } from './admin-users.view-model';

const user = (over: Partial<UserDto> = {}): UserDto => ({
  id: 'u1',
  organisationId: 'o1',
  email: 'sam.okafor@council.example',
  name: 'Sam Okafor',
  role: 'member',
  jobTitle: null,
  partnerAgency: null,
  active: true,
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const plan = (id: string, title: string, status: 'active' | 'closed' = 'active'): PlanDto =>
  ({ id, title, status, serviceArea: 'other', targetDate: null, programmeLead: null, myRole: 'admin', createdAt: '', closedAt: null, version: 1 });
const plans = [plan('p1', 'Adult social care plan'), plan('p2', 'SEND plan'), plan('p3', 'Old plan', 'closed')];
const membership = (userId: string, planId: string, role: MembershipDto['role']): MembershipDto => ({ userId, planId, role, name: '', email: '' });

describe('users admin view models', () => {
  it('lists each user with their organisation role, plan roles in words, and status', () => {
    const roles = planRolesByUser(plans, [membership('u1', 'p2', 'board'), membership('u1', 'p1', 'owner'), membership('u2', 'gone', 'owner')]);
    const page = usersListPage([user(), user({ id: 'u2', name: 'Ada Lin', role: 'admin', active: false })], roles, { page: 1, pageSize: 50, total: 2 });
    expect(page.rows.map((r) => [r.name, r.roleWords, r.planRoles, r.active, r.href])).toEqual([
      ['Sam Okafor', 'Member', ['Adult social care plan: Action owner', 'SEND plan: Improvement board member'], true, '/admin/users/u1'],
      ['Ada Lin', 'Administrator', ['Every plan, as administrator'], false, '/admin/users/u2'],
    ]);
    expect(page.pagination).toBeNull();
    expect(usersListPage([], roles, { page: 2, pageSize: 50, total: 120 }).pagination).toEqual({ previous: { href: '/admin/users?page=1' }, next: { href: '/admin/users?page=3' } });
  });

  const ok = { name: 'Sam Okafor', email: 'sam@council.example', jobTitle: '', partnerAgency: '', role: 'member', password: 'four-random-words-here' };
  it.each([
    [ok, []],
    [{ ...ok, name: ' ', email: '', role: '', password: '' }, ['name: Enter a name', 'email: Enter an email address', 'role: Select a role in the organisation', 'password: Enter an initial password']],
    [{ ...ok, email: 'not-an-email' }, ['email: Enter an email address in the correct format, like name@council.gov.uk']],
    [{ ...ok, password: 'short' }, ['password: The initial password must be 12 characters or more']],
    [{ ...ok, password: 'password1234' }, ['password: The initial password is too easy to guess: it is a commonly used password. Try three random words']],
    [{ ...ok, role: 'board' }, ['role: Select a role in the organisation']],
    [{ ...ok, jobTitle: 'x'.repeat(201) }, ['jobTitle: Job title must be 200 characters or fewer']],
  ])('new user form errors %#', (form, expected) => {
    expect(newUserFormErrors(form).map((e) => `${e.field}: ${e.text}`)).toEqual(expected);
  });

  it('never sends the password back', () => {
    const page = newUserPage(ok, []);
    expect(page.form).not.toHaveProperty('password');
    expect(page.roleItems.find((i) => i.checked)?.value).toBe('member');
  });

  it('checks the details, reset password and membership forms', () => {
    expect(userDetailsFormErrors({ name: '', jobTitle: '', partnerAgency: '', role: 'x' }).map((e) => e.field)).toEqual(['name', 'role']);
    expect(resetPasswordFormErrors('').map((e) => e.text)).toEqual(['Enter a new password']);
    expect(resetPasswordFormErrors('four-random-words-here')).toEqual([]);
    expect(membershipFormErrors({ planId: 'nope', planRole: 'admin' }, plans).map((e) => e.text)).toEqual(['Select a plan', 'Select a role in the plan']);
    expect(membershipFormErrors({ planId: 'p1', planRole: 'scrutiny' }, plans)).toEqual([]);
  });

  it("a user's page: their plan roles, the open plans to give a role in, and no deactivation of oneself", () => {
    const page = userPage({ user: user(), actorId: 'admin', plans, planRoles: [{ planId: 'p1', planTitle: 'Adult social care plan', role: 'owner' }] });
    expect(page.rows.map((r) => r.value.text)).toEqual(['sam.okafor@council.example', 'Member', 'Not given', 'Not given', 'Active']);
    expect(page.planRoles.map((r) => [r.roleWords, r.removeAction])).toEqual([['Action owner', '/admin/users/u1/plans/p1/remove']]);
    expect(page.planItems.map((i) => i.text)).toEqual(['Choose a plan', 'Adult social care plan (now: Action owner)', 'SEND plan']);
    expect(page.isSelf).toBe(false);
    expect(userPage({ user: user({ id: 'admin', role: 'admin' }), actorId: 'admin', plans, planRoles: [] })).toMatchObject({ isSelf: true, user: { isAdmin: true } });
  });
});
