import type { UserDto } from '../../users/dto/user.dto';

export interface OrganisationDto {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

/** A new organisation with its first administrator. */
export interface CreatedOrganisationDto {
  organisation: OrganisationDto;
  admin: UserDto;
  /** The plan the organisation starts with. */
  firstPlanId: string;
}
