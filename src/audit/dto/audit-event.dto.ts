import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { IsDateOrDateTime } from '../../common/validation/is-calendar-date';

export class AuditEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'action' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'inclusive: a date (from London midnight at its start) or a date-time (London time, unless it carries an offset such as Z)', example: '2026-01-01' })
  @IsOptional()
  @IsDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'exclusive: a date (up to London midnight at its start) or a date-time (London time, unless it carries an offset such as Z)', example: '2026-02-01' })
  @IsOptional()
  @IsDateOrDateTime()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: '42', description: "position in the organisation's audit chain, 1, 2, 3... (a decimal string: bigint)" }) seq: string;
  @ApiProperty({ format: 'date-time', description: "the database server's time when the event was written" }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the plan the changed row belongs to (none for people, the organisation, and events written before plans existed)' })
  planId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ example: 'user', description: "'user' or 'system' (worker, CLI)" }) actorKind: string;
  @ApiProperty({ nullable: true, type: String, example: 'Jo Bloggs', description: "the actor's name when the event was written (null for system events and events from before names were kept)" })
  actorName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'board', description: "the actor's role when the event was written (null as for actorName)" })
  actorRole: string | null;
  @ApiProperty({ example: 'action' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ description: '{ field: { before, after } }', type: 'object', additionalProperties: true })
  changes: Record<string, { before: unknown; after: unknown }>;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ description: "the previous event's hash (64 zeros for the first)" }) prevHash: string;
  @ApiProperty({ description: 'SHA-256 (hex) of this event, chained to the previous one; GET /audit-events/verify checks the chain' }) hash: string;
}

export class AuditEventPageDto extends PageDto<AuditEventDto> {
  @ApiProperty({ type: [AuditEventDto] })
  @Type(() => AuditEventDto)
  items: AuditEventDto[];
}
