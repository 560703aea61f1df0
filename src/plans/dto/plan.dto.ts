import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PLAN_ROLES, type PlanRole } from '../../common/request-context/request-context';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import { PLAN_STATUSES, type PlanStatus } from '../../vocabulary/plan-status';
import { SERVICE_AREAS, type ServiceArea } from '../../vocabulary/service-area';
import { RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreatePlanDto {
  @ApiProperty({ example: 'Adult social care improvement plan' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ enum: SERVICE_AREAS, default: 'other' })
  @IsOptional()
  @IsIn(SERVICE_AREAS)
  serviceArea?: ServiceArea;

  @OptionalCalendarDateProperty("the council's own target date for the plan")
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ApiPropertyOptional({ example: 'Director of Adult Social Services', nullable: true, type: String, description: 'a role, not a person' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  programmeLead?: string | null;
}

export class UpdatePlanDto {
  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: SERVICE_AREAS, description: 'administrators only' })
  @NotNullWhenPresent()
  @IsIn(SERVICE_AREAS)
  serviceArea?: ServiceArea;

  @OptionalCalendarDateProperty("the council's own target date for the plan")
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  programmeLead?: string | null;

  @ExpectedVersion()
  version: number;
}

export class PlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea: ServiceArea;
  @ApiProperty({ type: String, nullable: true, example: '2027-03-31' }) targetDate: string | null;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ type: String, nullable: true }) programmeLead: string | null;
  @ApiProperty({ enum: ['admin', ...PLAN_ROLES], nullable: true, description: "the caller's role in this plan" }) myRole: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty() version: number;
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] }) items: PlanDto[];
}

export class PutMembershipDto {
  @ApiProperty({ enum: PLAN_ROLES })
  @IsIn(PLAN_ROLES)
  role: PlanRole;
}

export class MembershipDto {
  @ApiProperty() planId: string;
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: PLAN_ROLES }) role: PlanRole;
}

export class MembershipListDto {
  @ApiProperty({ type: [MembershipDto] }) items: MembershipDto[];
}

export class UserIdParamDto {
  @IsUUID()
  userId: string;
}

export class PlanColourCountsDto {
  @ApiProperty() planId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea: ServiceArea;
  @ApiProperty({ type: String, nullable: true }) targetDate: string | null;
  @ApiProperty({ description: 'actions in the plan' }) actions: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'actions of each colour, from their latest stored RAG',
    example: { red: 1, amber: 2, green: 5, blue: 0, grey: 1 },
  })
  counts: Record<RagColour, number>;
}

export class OrganisationOverviewDto {
  @ApiProperty({ type: [PlanColourCountsDto], description: "every active plan's colour counts, side by side" }) plans: PlanColourCountsDto[];
  @ApiProperty({ enum: RAG_COLOURS, isArray: true }) colours: RagColour[];
}
