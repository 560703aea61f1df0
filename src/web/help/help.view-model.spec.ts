import { accessibilityPage, cookiesPage } from './help.view-model';

describe('help pages view models', () => {
  it('names the session cookie and its real lifetime', () => {
    expect(cookiesPage({ WEB_SESSION_IDLE_MINUTES: 30, WEB_SESSION_ABSOLUTE_HOURS: 12 }).cookies).toEqual([
      {
        name: 'improvement_tracker_session',
        purpose: expect.stringMatching(/signed in/),
        expires: 'When you close your browser, after 30 minutes without using the service, or 12 hours after you sign in, whichever comes first',
      },
    ]);
    expect(cookiesPage({ WEB_SESSION_IDLE_MINUTES: 60, WEB_SESSION_ABSOLUTE_HOURS: 1 }).cookies[0].expires).toMatch(/after 1 hour without .* or 1 hour after/);
  });

  it('gives a contact address when one is set, and dates for the statement', () => {
    expect(accessibilityPage('access@council.gov.uk')).toMatchObject({ contactEmail: 'access@council.gov.uk', prepared: '2026-11-29' });
    expect(accessibilityPage(undefined).contactEmail).toBeNull();
  });
});
