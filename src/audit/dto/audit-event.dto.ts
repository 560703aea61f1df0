import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';

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

  @ApiPropertyOptional({ description: 'ISO date or date-time, inclusive', example: '2026-01-01' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date or date-time, exclusive', example: '2026-02-01' })
  @IsOptional()
  @IsDateString()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ example: 'user', description: "'user' or 'system' (worker, CLI)" }) actorKind: string;
  @ApiProperty({ example: 'action' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ description: '{ field: { before, after } }', type: 'object', additionalProperties: true })
  changes: Record<string, { before: unknown; after: unknown }>;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

export class AuditEventPageDto extends PageDto<AuditEventDto> {
  @ApiProperty({ type: [AuditEventDto] })
  @Type(() => AuditEventDto)
  items: AuditEventDto[];
}
