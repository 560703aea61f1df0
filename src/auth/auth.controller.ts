import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Request } from 'express';
import { CurrentUser, Public } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { ChangePasswordDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { LoginDto, TokenDto } from './dto/login.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'email or password is incorrect (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts for this email or from this address' })
  @ApiOperation({ summary: 'Sign in with email and password: a bearer token for every other operation' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenDto> {
    return this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({ summary: 'Who you are: your user, role and organisation' })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.get(user, user.id);
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenDto, description: 'a new token: every token and web session issued before the change is refused from now on' })
  @ApiBadRequestResponse({ description: 'currentPassword is incorrect, or newPassword is too short or unchanged' })
  @ApiOperation({ summary: 'Change your own password; every earlier token and web session stops working' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<TokenDto> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
