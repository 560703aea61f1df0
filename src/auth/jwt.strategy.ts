import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { verify, type VerifyOptions } from 'jsonwebtoken';
import { ExtractJwt } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthUser, OrganisationRole, RequestContextStore } from '../common/request-context/request-context';
import { UsersRepository } from '../users/users.repository';

export interface JwtPayload {
  sub: string;
  org: string;
  role: OrganisationRole;
  /** The user's token version when the token was issued (see UserEntity.tokenVersion). */
  tv: number;
}

/** The bearer token of `Authorization: Bearer <token>`, read as passport-jwt reads it (scheme in any case). */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** jsonwebtoken's options, as passport-jwt passed them. */
const VERIFY_OPTIONS: VerifyOptions = { audience: undefined, issuer: undefined, algorithms: ['HS256'], ignoreExpiration: false };

/** How many verified tokens are remembered (about 300 bytes each); the memory is emptied when it is full. */
const VERIFIED_MAX = 10_000;

/**
 * The API's bearer tokens (JwtAuthGuard): checks the signature and expiry, then loads the user on
 * every request: a deactivated user's token stops working at once, a role change applies at once,
 * and a token issued before a password change or reset (or before a reactivation) is refused.
 *
 * What jsonwebtoken says of a token's signature, algorithm and claims does not change, so a token
 * it accepted is remembered (only those; at most VERIFIED_MAX) and, when it comes again, only its
 * times (`nbf`, `exp`) are checked again, as jsonwebtoken checks them. Verifying it each time
 * (two base64 decodes, two JSON parses, an HMAC) was about 4% of the API's CPU time under
 * autocannon (bench/api-overhead.bench.ts). The user is still read on every request.
 */
@Injectable()
export class JwtStrategy {
  // The secret as a KeyObject, made once: given a string, jsonwebtoken tries it as a PEM public key
  // on every verification (createPublicKey, which throws) before making this same secret key.
  private readonly key: KeyObject;
  private readonly verified = new Map<string, JwtPayload>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
    private readonly cls: ClsService<RequestContextStore>,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  /** The signed-in user of a request's bearer token, or null (no token, a bad or expired one, or no such active user). */
  async authenticate(req: { headers: Record<string, string | string[] | undefined> }): Promise<AuthUser | null> {
    const token = bearerToken(req as Parameters<typeof bearerToken>[0]);
    if (!token) return null;
    const payload = this.verify(token);
    return payload ? this.validate(payload) : null;
  }

  /** The token's payload when jsonwebtoken accepts it (HS256, this secret, not before `nbf`, not expired), else null. */
  private verify(token: string): JwtPayload | null {
    const known = this.verified.get(token);
    if (known) return timesValid(known) ? known : null;
    let payload: JwtPayload;
    try {
      payload = verify(token, this.key, VERIFY_OPTIONS) as JwtPayload;
    } catch {
      return null;
    }
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(token, payload);
    return payload;
  }

  async validate(payload: JwtPayload): Promise<AuthUser | null> {
    const found = await this.users.findActiveWithPlans(payload.sub);
    if (!found || found.user.organisationId !== payload.org || found.user.tokenVersion !== payload.tv) return null;
    const { user, plans } = found;
    const authUser: AuthUser = { id: user.id, organisationId: user.organisationId, role: user.role, email: user.email, name: user.name, plans };
    this.cls.set('user', authUser);
    return authUser;
  }
}

/**
 * jsonwebtoken's time checks (`nbf`, `exp`; no clock tolerance) on a payload it has accepted
 * before, whose claims it then found to be numbers when present.
 */
function timesValid(payload: JwtPayload & { nbf?: unknown; exp?: unknown }): boolean {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.nbf === 'number' && payload.nbf > now) return false;
  if (typeof payload.exp === 'number' && now >= payload.exp) return false;
  return true;
}
