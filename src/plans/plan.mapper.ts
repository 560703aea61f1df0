import type { AuthUser } from '../common/request-context/request-context';
import { planRoleOf } from '../common/auth/access-policy';
import { MembershipDto, PlanDto } from './dto/plan.dto';
import { PlanEntity } from './entities/plan.entity';
import type { MembershipRow } from './plans.repository';

export function toPlanDto(p: PlanEntity, viewer: AuthUser | null): PlanDto {
  return {
    id: p.id,
    title: p.title,
    serviceArea: p.serviceArea,
    targetDate: p.targetDate,
    status: p.status,
    programmeLead: p.programmeLead,
    myRole: viewer ? planRoleOf(viewer, { organisationId: p.organisationId, planId: p.id }) : null,
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt ? p.closedAt.toISOString() : null,
    version: p.version,
  };
}

export function toMembershipDto(m: MembershipRow): MembershipDto {
  return { planId: m.planId, userId: m.userId, name: m.name, email: m.email, role: m.role };
}
