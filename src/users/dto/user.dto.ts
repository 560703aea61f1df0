import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { ORGANISATION_ROLES, PLAN_ROLES, type OrganisationRole, type PlanRole } from '../../common/request-context/request-context';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { IsUncommonPassword } from './uncommon-password.validator';

const CREATE_ROLES: readonly (OrganisationRole | PlanRole)[] = [...ORGANISATION_ROLES, ...PLAN_ROLES];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'jo.bloggs@council.gov.uk' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Jo Bloggs' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: CREATE_ROLES,
    description:
      'the organisation role (admin, member, chief_officer); or a plan role (board, owner, scrutiny): the user is then a member holding that role in `planId` (or in the organisation\'s only plan)',
  })
  @IsIn(CREATE_ROLES)
  role: OrganisationRole | PlanRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'with a plan role: the plan to hold it in' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ example: 'Head of Safeguarding', description: 'role or team, shown instead of the name in scrutiny packs; null clears it', nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ example: 'Merseyside Police', description: 'null clears it', nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  partnerAgency?: string | null;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsUncommonPassword()
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true, description: 'ends every other token and web session of the user' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsUncommonPassword()
  newPassword: string;
}

export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['name', 'jobTitle', 'partnerAgency', 'password'] as const)) {
  @ApiPropertyOptional({ enum: ORGANISATION_ROLES, description: 'the organisation role; plan roles are set with PUT /plans/:planId/members/:userId' })
  @IsOptional()
  @IsIn(ORGANISATION_ROLES)
  role?: OrganisationRole;

  @ApiPropertyOptional({ description: 'false deactivates the user: their tokens and web sessions stop working at once; true reactivates them, and tokens issued before stay dead' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ExpectedVersion()
  version: number;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_ROLES })
  @IsOptional()
  @IsIn(ORGANISATION_ROLES)
  role?: OrganisationRole;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'text in name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, description: 'the organisation role; plan roles are memberships (GET /plans/:planId/members)' }) role: OrganisationRole;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerAgency: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto extends PageDto<UserDto> {
  @ApiProperty({ type: [UserDto] })
  items: UserDto[];
}
