import type { UserDto } from '../../users/dto/user.dto';
import { accountPage, changePasswordFormErrors, changePasswordPage, changePasswordServiceError } from './account.view-model';

const user: UserDto = {
  id: 'u1',
  organisationId: 'o1',
  email: 'helen.marsh@council.gov.uk',
  name: 'Helen Marsh',
  role: 'member',
  jobTitle: 'Programme lead',
  partnerAgency: null,
  active: true,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('account view model', () => {
  it('lists who the user is, in words, and says when something is not given', () => {
    const page = accountPage(user, { name: 'Helen Marsh', organisationName: 'Warrington Borough Council', role: 'member' });
    expect(page.pageTitle).toBe('Your account');
    expect(page.rows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['Name', 'Helen Marsh'],
      ['Email address', 'helen.marsh@council.gov.uk'],
      ['Roles', 'No role in any plan yet'],
      ['Organisation', 'Warrington Borough Council'],
      ['Job title', 'Programme lead'],
      ['Partner agency', 'Not given'],
    ]);
  });

  it('names a member by the roles they hold in plans, not "Member"', () => {
    const page = accountPage(user, undefined, [
      { title: 'Adult social care plan', myRole: 'board' },
      { title: "Children's services plan", myRole: 'owner' },
      { title: 'SEND plan', myRole: null },
    ]);
    expect(page.rows.find((r) => r.key.text === 'Roles')?.value.text).toBe("Improvement board member in Adult social care plan; Action owner in Children's services plan");
  });

  it('names an administrator by their organisation role', () => {
    const page = accountPage({ ...user, role: 'admin' }, undefined, [{ title: 'Adult social care plan', myRole: 'admin' }]);
    expect(page.rows.find((r) => r.key.text === 'Role')?.value.text).toBe('Administrator');
  });

  const ok = 'a-long-enough-password';
  it.each([
    [{ currentPassword: '', newPassword: '', confirmPassword: '' }, ['currentPassword: Enter your current password', 'newPassword: Enter a new password', 'confirmPassword: Enter your new password again']],
    [{ currentPassword: 'old', newPassword: 'short', confirmPassword: 'short' }, ['newPassword: Your new password must be 12 characters or more']],
    [{ currentPassword: 'old', newPassword: ok, confirmPassword: `${ok}!` }, ['confirmPassword: The passwords do not match']],
    [{ currentPassword: 'old', newPassword: ok, confirmPassword: '' }, ['confirmPassword: Enter your new password again']],
    [{ currentPassword: 'old', newPassword: ok, confirmPassword: ok }, []],
  ])('form errors for %j', (form, expected) => {
    expect(changePasswordFormErrors(form).map((e) => `${e.field}: ${e.text}`)).toEqual(expected);
  });

  it.each([
    ['current_password_incorrect', { field: 'currentPassword', text: 'Your current password is incorrect' }],
    ['password_unchanged', { field: 'newPassword', text: 'Your new password must be different from your current password' }],
    ['something_else', null],
  ])('service error %s', (code, expected) => {
    expect(changePasswordServiceError(code)).toEqual(expected);
  });

  it('never carries a password', () => {
    expect(changePasswordPage()).toEqual({ pageTitle: 'Change your password', activeNav: 'account', backLink: '/account', errors: [] });
  });
});
