import { SessionData, Store } from 'express-session';
import { Clock } from '../../../common/clock/clock';
import { sessionExpiresAt, SessionLifetime } from './session-lifetime';
import { WebSessionRepository } from './web-session.repository';

type Done = (err?: unknown) => void;

function settle(work: Promise<void>, done: Done | undefined): void {
  work.then(
    () => done?.(),
    (err: unknown) => done?.(err),
  );
}

/**
 * express-session's store on PostgreSQL, through our repository (so it shares the app's pool and
 * its clock). Expiry is the store's job: a session past its idle time or absolute lifetime is
 * never returned, and expired rows are swept by WebSessionPruner.
 */
export class PgSessionStore extends Store {
  constructor(
    private readonly sessions: WebSessionRepository,
    private readonly clock: Clock,
    private readonly lifetime: SessionLifetime,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.sessions.findLive(sid, this.clock.now()).then(
      (data) => callback(null, data as SessionData | null),
      (err: unknown) => callback(err),
    );
  }

  override set(sid: string, session: SessionData, callback?: Done): void {
    const now = this.clock.now();
    const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
    settle(this.sessions.save(sid, data, sessionExpiresAt(now, session.auth?.signedInAt, this.lifetime)), callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    const now = this.clock.now();
    // A failed touch only shortens the session; the request it belongs to has already been served.
    settle(this.sessions.touch(sid, sessionExpiresAt(now, session.auth?.signedInAt, this.lifetime), now), () => callback?.());
  }

  override destroy(sid: string, callback?: Done): void {
    settle(this.sessions.delete(sid), callback);
  }
}
