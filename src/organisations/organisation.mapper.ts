import type { OrganisationDto } from './dto/organisation.dto';
import type { OrganisationEntity } from './entities/organisation.entity';

export function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return { id: o.id, name: o.name, slug: o.slug, createdAt: o.createdAt.toISOString() };
}
