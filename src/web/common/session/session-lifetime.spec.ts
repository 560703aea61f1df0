import { sessionExpiresAt, sessionLifetime, sessionLifetimeOver } from './session-lifetime';

describe('session lifetime', () => {
  const lifetime = sessionLifetime({ WEB_SESSION_IDLE_MINUTES: 30, WEB_SESSION_ABSOLUTE_HOURS: 12 });
  const signedInAt = Date.parse('2026-11-23T08:00:00Z');

  it.each([
    ['just signed in', '2026-11-23T08:00:00Z', '2026-11-23T08:30:00Z'],
    ['mid-morning', '2026-11-23T10:15:00Z', '2026-11-23T10:45:00Z'],
    ['near the absolute limit', '2026-11-23T19:45:00Z', '2026-11-23T20:00:00Z'],
  ])('a signed-in session touched %s expires at the idle time capped by the lifetime', (_, now, expected) => {
    expect(sessionExpiresAt(new Date(now), signedInAt, lifetime).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('a session without a sign-in has only the idle limit', () => {
    expect(sessionExpiresAt(new Date('2026-11-23T23:50:00Z'), undefined, lifetime).toISOString()).toBe('2026-11-24T00:20:00.000Z');
  });

  it.each([
    ['2026-11-23T19:59:59Z', false],
    ['2026-11-23T20:00:00Z', true],
    ['2026-11-24T08:00:00Z', true],
  ])('at %s the lifetime is over: %j', (now, expected) => {
    expect(sessionLifetimeOver(new Date(now), signedInAt, lifetime)).toBe(expected);
  });
});
