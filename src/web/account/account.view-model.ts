import type { PlanDto } from '../../plans/dto/plan.dto';
import type { UserDto } from '../../users/dto/user.dto';
import { passwordProblem } from '../../users/password-policy';
import { UsersErrorCode } from '../../users/users.exception';
import { FieldError, FormErrors } from '../common/forms/form-errors';
import type { CurrentUserView } from '../common/session/session-data';
import { ROLE_WORDS } from '../common/view/role-words';
import { WEB_PATHS } from '../common/web-paths';

interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface AccountViewModel {
  pageTitle: string;
  activeNav: 'account';
  rows: SummaryRow[];
}

/**
 * The user's role in words: an administrator or chief officer by that organisation role; anyone
 * else by the roles they hold in plans ("Improvement board member in Adult social care plan"), not
 * the bare organisation role "Member", which says nothing about what they do.
 */
export function roleText(user: Pick<UserDto, 'role'>, plans: Pick<PlanDto, 'title' | 'myRole'>[]): string {
  if (user.role !== 'member') return ROLE_WORDS[user.role];
  const held = plans.filter((p) => p.myRole !== null && p.myRole !== 'admin');
  if (held.length === 0) return 'No role in any plan yet';
  return held.map((p) => `${ROLE_WORDS[p.myRole as keyof typeof ROLE_WORDS]} in ${p.title}`).join('; ');
}

/** "Your account": who the user is, as the service knows them. */
export function accountPage(user: UserDto, signedIn: CurrentUserView | undefined, plans: Pick<PlanDto, 'title' | 'myRole'>[] = []): AccountViewModel {
  const row = (key: string, value: string | null): SummaryRow => ({ key: { text: key }, value: { text: value || 'Not given' } });
  return {
    pageTitle: 'Your account',
    activeNav: 'account',
    rows: [
      row('Name', user.name),
      row('Email address', user.email),
      row(user.role === 'member' ? 'Roles' : 'Role', roleText(user, plans)),
      row('Organisation', signedIn?.organisationName ?? null),
      row('Job title', user.jobTitle),
      row('Partner agency', user.partnerAgency),
    ],
  };
}

export interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface ChangePasswordViewModel {
  pageTitle: string;
  activeNav: 'account';
  backLink: string;
  errors: FormErrors;
}

/** The form's own checks, in field order; the current password is checked by the users service. */
export function changePasswordFormErrors(form: ChangePasswordForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!form.currentPassword) errors.push({ field: 'currentPassword', text: 'Enter your current password' });
  const problem = form.newPassword ? passwordProblem(form.newPassword) : null;
  if (!form.newPassword) errors.push({ field: 'newPassword', text: 'Enter a new password' });
  else if (problem) errors.push({ field: 'newPassword', text: `Your new password ${problem}` });
  if (!form.confirmPassword) errors.push({ field: 'confirmPassword', text: 'Enter your new password again' });
  else if (form.newPassword && form.confirmPassword !== form.newPassword) errors.push({ field: 'confirmPassword', text: 'The passwords do not match' });
  return errors;
}

const SERVICE_ERRORS: Readonly<Record<string, FieldError>> = Object.freeze({
  [UsersErrorCode.CurrentPasswordIncorrect]: { field: 'currentPassword', text: 'Your current password is incorrect' },
  [UsersErrorCode.PasswordUnchanged]: { field: 'newPassword', text: 'Your new password must be different from your current password' },
});

/** The users service's refusals, as errors on the field they are about (null for any other error). */
export function changePasswordServiceError(code: string): FieldError | null {
  return SERVICE_ERRORS[code] ?? null;
}

/** The change-password page. Passwords are never sent back to the browser. */
export function changePasswordPage(errors: FormErrors = []): ChangePasswordViewModel {
  return { pageTitle: 'Change your password', activeNav: 'account', backLink: WEB_PATHS.account, errors };
}
