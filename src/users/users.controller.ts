import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({ summary: 'Users of your organisation, filtered and paginated' })
  list(@CurrentUser() actor: AuthUser, @Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'board')
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({ summary: 'One user of your organisation' })
  get(@CurrentUser() actor: AuthUser, @Param('id', UuidParam) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Post()
  @Idempotent()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiOperation({ summary: 'Create a user with a role and an initial password (admin)' })
  @ApiConflictResponse({ description: 'the email is already in use (email_taken)' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({ summary: "Change a user's details, role or password, or deactivate them (admin)" })
  @ApiForbiddenResponse({ description: 'you cannot deactivate yourself or remove your own admin role' })
  @ApiConflictResponse({
    description: 'a stale version; or has_dependents: made a chief officer (who holds no plan role) while owning open actions, named with their plans',
  })
  update(@CurrentUser() actor: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }
}
