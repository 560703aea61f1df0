import { signUnsubscribeToken, unsubscribeExpiry, verifyUnsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'unsubscribe-secret-unsubscribe-secret-0123';
  const now = new Date('2026-11-23T10:00:00Z');
  const userId = '3f1c2b7e-9a4d-4c1e-8f00-0123456789ab';
  const claim = { userId, scope: 'due_reminder' as const, expiresAt: unsubscribeExpiry(now) };

  it('round-trips user, scope and expiry (to the second)', () => {
    const token = signUnsubscribeToken(secret, claim);
    expect(token).toMatch(/^v1\.[0-9a-f-]{36}\.due_reminder\.\d+\.[A-Za-z0-9_-]{43}$/);
    const result = verifyUnsubscribeToken(secret, token, now);
    expect(result).toEqual({ ok: true, userId, scope: 'due_reminder', expiresAt: new Date('2027-05-22T10:00:00Z') });
  });

  it('takes the weekly digest scope', () => {
    const token = signUnsubscribeToken(secret, { ...claim, scope: 'weekly_digest' });
    expect(verifyUnsubscribeToken(secret, token, now)).toMatchObject({ ok: true, scope: 'weekly_digest' });
  });

  it('refuses a token past its expiry', () => {
    const token = signUnsubscribeToken(secret, claim);
    expect(verifyUnsubscribeToken(secret, token, claim.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['another user', (t: string) => t.replace(userId, '3f1c2b7e-9a4d-4c1e-8f00-0123456789ac')],
    ['another kind', (t: string) => t.replace('due_reminder', 'overdue')],
    ['a later expiry', (t: string) => t.replace(/\.(\d+)\./, (_m, e: string) => `.${Number(e) + 86400}.`)],
    ['a truncated signature', (t: string) => t.slice(0, -2)],
    ['a flipped signature character', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
  ])('refuses a token altered to %s', (_what, alter) => {
    const token = alter(signUnsubscribeToken(secret, claim));
    expect(verifyUnsubscribeToken(secret, token, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token signed with another secret', () => {
    const token = signUnsubscribeToken('another-secret-another-secret-another-1', claim);
    expect(verifyUnsubscribeToken(secret, token, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([[undefined], [''], ['v1.x'], ['v2.a.b.c.d'], ['x'.repeat(400)], [42]])('calls %j malformed', (token) => {
    expect(verifyUnsubscribeToken(secret, token, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign for something that is not a user id', () => {
    expect(() => signUnsubscribeToken(secret, { ...claim, userId: 'a.b' })).toThrow(RangeError);
  });
});
