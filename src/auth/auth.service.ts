import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';
import { UserEntity } from '../users/entities/user.entity';
import { toUserDto } from '../users/user.mapper';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { TokenDto } from './dto/login.dto';
import { JwtPayload } from './jwt.strategy';
import { LoginRateLimiter } from './login-rate-limiter';
import { AuthErrorCode } from './auth.exception';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The one credential check, for the API's login and the web sign-in alike: the same rate limit
   * on failures (429 with `retryAfterSeconds` and Retry-After), the same hashes, the same answer for every kind of failure.
   */
  async verifyCredentials(email: string, password: string, ip: string): Promise<UserEntity> {
    const attempt = await this.limiter.begin(ip, email);
    const user = await this.users.findForLogin(email);
    // Unknown email, wrong password and deactivated user all get the same answer, after the same work.
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !ok || !user.active) throw new AppException(401, AuthErrorCode.InvalidCredentials, 'Email or password is incorrect');
    // Only failures count towards the limit.
    await this.limiter.succeeded(attempt);
    return user;
  }

  async login(email: string, password: string, ip: string): Promise<TokenDto> {
    return this.issueToken(await this.verifyCredentials(email, password, ip));
  }

  /** Changes the caller's password and answers with a new token: every token issued before is dead. */
  async changePassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<TokenDto> {
    return this.issueToken(await this.usersService.changeOwnPassword(actor, currentPassword, newPassword));
  }

  private async issueToken(user: UserEntity): Promise<TokenDto> {
    const payload: JwtPayload = { sub: user.id, org: user.organisationId, role: user.role, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.JWT_EXPIRES_IN_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_EXPIRES_IN_SECONDS, user: toUserDto(user) };
  }
}
