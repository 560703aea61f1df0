import { UserDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    organisationId: u.organisationId,
    email: u.email,
    name: u.name,
    role: u.role,
    jobTitle: u.jobTitle,
    partnerAgency: u.partnerAgency,
    active: u.active,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}
