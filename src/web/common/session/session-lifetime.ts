/** How long a web session lives: pushed back by each request up to an absolute limit from sign-in. */
export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

export function sessionLifetime(config: { WEB_SESSION_IDLE_MINUTES: number; WEB_SESSION_ABSOLUTE_HOURS: number }): SessionLifetime {
  return { idleMs: config.WEB_SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.WEB_SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/**
 * When a session stored (or touched) at `now` expires: after the idle time, but never after the
 * absolute lifetime of a signed-in session. A session nobody has signed in to (it holds only the
 * sign-in form's CSRF token) has only the idle limit.
 */
export function sessionExpiresAt(now: Date, signedInAt: number | undefined, lifetime: SessionLifetime): Date {
  const idle = now.getTime() + lifetime.idleMs;
  return new Date(signedInAt === undefined ? idle : Math.min(idle, signedInAt + lifetime.absoluteMs));
}

/** True once a signed-in session has reached its absolute lifetime. */
export function sessionLifetimeOver(now: Date, signedInAt: number, lifetime: SessionLifetime): boolean {
  return now.getTime() >= signedInAt + lifetime.absoluteMs;
}
