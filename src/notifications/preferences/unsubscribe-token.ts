import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUnsubscribeScope, type UnsubscribeScope } from '../notification-kinds';

/**
 * One-click unsubscribe tokens: `v1.<userId>.<scope>.<expiry seconds>.<HMAC-SHA256, base64url>`.
 * Nothing secret is inside (a user id and a kind); the signature makes them unforgeable and the
 * expiry bounds how long a forwarded e-mail can switch someone's mail off.
 */
export interface UnsubscribeClaim {
  userId: string;
  scope: UnsubscribeScope;
  expiresAt: Date;
}

export type UnsubscribeVerification = ({ ok: true } & UnsubscribeClaim) | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** How long an unsubscribe link in an e-mail keeps working. */
export const UNSUBSCRIBE_TOKEN_DAYS = 180;

const VERSION = 'v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, payload: string): Buffer {
  // Domain-separated so the secret signs nothing else by accident.
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest();
}

export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  if (!UUID.test(claim.userId)) throw new RangeError('userId must be a lower-case uuid');
  const payload = `${VERSION}.${claim.userId}.${claim.scope}.${Math.floor(claim.expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

export function unsubscribeExpiry(now: Date, days = UNSUBSCRIBE_TOKEN_DAYS): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/** Checks the signature in constant time before reading anything from the token, then the expiry. */
export function verifyUnsubscribeToken(secret: string, token: unknown, now: Date): UnsubscribeVerification {
  if (typeof token !== 'string' || token.length > 300) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, userId, scope, expiry, given] = parts;
  const expected = signature(secret, parts.slice(0, 4).join('.'));
  const givenBytes = Buffer.from(given, 'base64url');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) return { ok: false, reason: 'bad_signature' };
  if (!UUID.test(userId) || !isUnsubscribeScope(scope) || !/^\d{1,12}$/.test(expiry)) return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(Number(expiry) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, userId, scope, expiresAt };
}
