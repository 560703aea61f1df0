import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ClsService } from 'nestjs-cls';
import { ExtractJwt, Strategy } from 'passport-jwt';
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

/**
 * Checks the signature and expiry, then loads the user on every request: a deactivated user's
 * token stops working at once, a role change applies at once, and a token issued before a
 * password change or reset (or before a reactivation) is refused.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
    private readonly cls: ClsService<RequestContextStore>,
  ) {
    // The secret as a KeyObject, made once: given a string, jsonwebtoken tries it as a PEM public key
    // on every request (createPublicKey, which throws) before making this same secret key: a
    // tenth of the API's CPU time under load (bench/api-overhead.bench.ts). The types say string |
    // Buffer; passport-jwt hands it to jsonwebtoken unchanged, which takes a KeyObject.
    const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as Buffer;
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key, algorithms: ['HS256'] });
  }

  async validate(payload: JwtPayload): Promise<AuthUser | false> {
    const found = await this.users.findActiveWithPlans(payload.sub);
    if (!found || found.user.organisationId !== payload.org || found.user.tokenVersion !== payload.tv) return false;
    const { user, plans } = found;
    const authUser: AuthUser = { id: user.id, organisationId: user.organisationId, role: user.role, email: user.email, name: user.name, plans };
    this.cls.set('user', authUser);
    return authUser;
  }
}
