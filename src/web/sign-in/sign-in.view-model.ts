import { FieldError, FormErrors } from '../common/forms/form-errors';

export interface SignInForm {
  email: string;
  password: string;
}

export interface SignInViewModel {
  pageTitle: string;
  email: string;
  returnTo: string | null;
  errors: FormErrors;
  signedOut: boolean;
}

/** The API's limits (LoginDto): nothing longer reaches the password check or the rate limiter's Redis keys. */
export const SIGN_IN_EMAIL_MAX = 320;
export const SIGN_IN_PASSWORD_MAX = 200;

/**
 * What is missing from the form, in GOV.UK's words; the password is never checked for shortness
 * here, only for the length no password can have.
 */
export function signInFormErrors(form: SignInForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!form.email.trim()) errors.push({ field: 'email', text: 'Enter your email address' });
  else if (form.email.length > SIGN_IN_EMAIL_MAX) errors.push({ field: 'email', text: `Email address must be ${SIGN_IN_EMAIL_MAX} characters or fewer` });
  if (!form.password) errors.push({ field: 'password', text: 'Enter your password' });
  else if (form.password.length > SIGN_IN_PASSWORD_MAX) errors.push({ field: 'password', text: `Password must be ${SIGN_IN_PASSWORD_MAX} characters or fewer` });
  return errors;
}

/** The same words for an unknown email, a wrong password and a deactivated account. */
export const WRONG_CREDENTIALS: FieldError = { field: 'email', text: 'Your email address or password is incorrect' };

/** "45 seconds", "1 minute", "2 minutes": how long to wait, rounded up to whole minutes past one. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(s / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function tooManyAttempts(retryAfterSeconds: number): FieldError {
  return { field: 'email', text: `You have tried to sign in too many times. Wait ${formatWait(retryAfterSeconds)}, then try again` };
}

/** The sign-in page. The password is never sent back to the browser. */
export function signInPage(input: { email?: string; returnTo?: string | null; errors?: FormErrors; signedOut?: boolean }): SignInViewModel {
  return {
    pageTitle: 'Sign in',
    email: input.email?.trim() ?? '',
    returnTo: input.returnTo ?? null,
    errors: input.errors ?? [],
    signedOut: input.signedOut ?? false,
  };
}
