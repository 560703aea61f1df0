import { formatWait, signInFormErrors, signInPage, tooManyAttempts } from './sign-in.view-model';

describe('sign-in view model', () => {
  it.each([
    [{ email: '', password: '' }, ['email: Enter your email address', 'password: Enter your password']],
    [{ email: '   ', password: 'x' }, ['email: Enter your email address']],
    [{ email: 'a@b.c', password: '' }, ['password: Enter your password']],
    [{ email: 'a@b.c', password: 'x' }, []],
  ])('errors for %j', (form, expected) => {
    expect(signInFormErrors(form).map((e) => `${e.field}: ${e.text}`)).toEqual(expected);
  });

  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [45, '45 seconds'],
    [59.2, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [600, '10 minutes'],
  ])('formatWait(%j) is %j', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });

  it('tells a throttled user how long to wait, on the email field', () => {
    expect(tooManyAttempts(30)).toEqual({ field: 'email', text: 'You have tried to sign in too many times. Wait 30 seconds, then try again' });
  });

  it('keeps the email (trimmed), never the password', () => {
    const page = signInPage({ email: ' jo@council.gov.uk ', returnTo: '/account' });
    expect(page).toEqual({ pageTitle: 'Sign in', email: 'jo@council.gov.uk', returnTo: '/account', errors: [], signedOut: false });
    expect(JSON.stringify(page)).not.toMatch(/password"/);
  });

  it('refuses an email or password longer than any can be (the API limits), before any check or rate-limit key', () => {
    expect(signInFormErrors({ email: `${'a'.repeat(321)}@x.gov.uk`, password: 'p' })).toEqual([{ field: 'email', text: 'Email address must be 320 characters or fewer' }]);
    expect(signInFormErrors({ email: 'a@x.gov.uk', password: 'p'.repeat(201) })).toEqual([{ field: 'password', text: 'Password must be 200 characters or fewer' }]);
    expect(signInFormErrors({ email: 'a@x.gov.uk', password: 'p'.repeat(200) })).toEqual([]);
  });
});
