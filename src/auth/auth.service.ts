import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppException } from '../common/errors/app.exception';
import { toUserDto } from '../users/user.mapper';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { TokenDto } from './dto/login.dto';
import { JwtPayload } from './jwt.strategy';
import { LoginRateLimiter } from './login-rate-limiter';
import { AuthErrorCode } from './auth.exception';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<TokenDto> {
    await this.limiter.hit(ip, email);
    const user = await this.users.findForLogin(email);
    // Unknown email, wrong password and deactivated user all get the same answer, after the same work.
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !ok || !user.active) throw new AppException(401, AuthErrorCode.InvalidCredentials, 'Email or password is incorrect');
    const payload: JwtPayload = { sub: user.id, org: user.organisationId, role: user.role };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.JWT_EXPIRES_IN_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_EXPIRES_IN_SECONDS, user: toUserDto(user) };
  }
}
