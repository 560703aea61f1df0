import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Request, RequestHandler } from 'express';
import session from 'express-session';
import { CLOCK, Clock } from '../../../common/clock/clock';
import type { AuthUser } from '../../../common/request-context/request-context';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { OrganisationsService } from '../../../organisations/organisations.service';
import { UserEntity } from '../../../users/entities/user.entity';
import { UsersRepository } from '../../../users/users.repository';
import { PgSessionStore } from './pg-session.store';
import { CurrentUserView, SESSION_COOKIE } from './session-data';
import { sessionLifetime, SessionLifetime, sessionLifetimeOver } from './session-lifetime';
import { WebSessionRepository } from './web-session.repository';

const PRUNE_EVERY_MS = 15 * 60_000;

function promised(run: (done: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((err) => (err ? reject(err instanceof Error ? err : new Error('session store failed', { cause: err })) : resolve())));
}

export interface SignedInUser {
  user: AuthUser;
  view: CurrentUserView;
}

/**
 * The web pages' sessions: the express-session middleware on our PostgreSQL store, signing in and
 * out, and the check every request's session passes before it counts as signed in (the user still
 * active, the same token version, within the absolute lifetime).
 */
@Injectable()
export class WebSessionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebSessionService.name);
  private readonly lifetime: SessionLifetime;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: WebSessionRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lifetime = sessionLifetime(config);
  }

  /**
   * The cookie holds only the signed session id: httpOnly, SameSite=Lax, Secure whenever the
   * request came over TLS (directly or through a proxy named in TRUST_PROXY), and a browser-session
   * cookie (no Max-Age), so closing the browser ends it too. Nothing is stored for a visitor until
   * a form needs a CSRF token.
   */
  middleware(): RequestHandler {
    return session({
      name: SESSION_COOKIE,
      secret: this.config.WEB_SESSION_SECRET,
      store: new PgSessionStore(this.sessions, this.clock, this.lifetime),
      resave: false,
      saveUninitialized: false,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' },
    });
  }

  /**
   * The signed-in user of this request's session, or null. A session whose user was deactivated,
   * changed or reset their password, or was reactivated since, or that has outlived its absolute
   * lifetime, is ended here (replaced by a fresh, empty one).
   */
  async resolveUser(req: Request): Promise<SignedInUser | null> {
    const auth = req.session?.auth;
    if (!auth) return null;
    const found = sessionLifetimeOver(this.clock.now(), auth.signedInAt, this.lifetime) ? null : await this.users.findActiveWithPlans(auth.userId);
    const user = found?.user;
    if (!found || !user || user.organisationId !== auth.organisationId || user.tokenVersion !== auth.tokenVersion) {
      await promised((done) => req.session.regenerate(done));
      return null;
    }
    return {
      user: { id: user.id, organisationId: user.organisationId, role: user.role, email: user.email, name: user.name, plans: found.plans },
      view: { name: user.name, organisationName: auth.organisationName, role: user.role },
    };
  }

  /** A new session id for the signed-in user (no session fixation), saved before the redirect. */
  async signIn(req: Request, user: UserEntity): Promise<void> {
    const organisation = await this.organisations.findById(user.organisationId);
    await promised((done) => req.session.regenerate(done));
    req.session.auth = {
      userId: user.id,
      organisationId: user.organisationId,
      organisationName: organisation?.name ?? '',
      tokenVersion: user.tokenVersion,
      signedInAt: this.clock.now().getTime(),
    };
    await promised((done) => req.session.save(done));
  }

  async signOut(req: Request): Promise<void> {
    if (req.session) await promised((done) => req.session.destroy(done));
  }

  onModuleInit(): void {
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  async prune(): Promise<number> {
    try {
      const removed = await this.sessions.deleteExpired(this.clock.now());
      if (removed > 0) this.logger.log(`removed ${removed} expired web sessions`);
      return removed;
    } catch (err) {
      this.logger.warn({ err }, 'could not remove expired web sessions');
      return 0;
    }
  }
}
