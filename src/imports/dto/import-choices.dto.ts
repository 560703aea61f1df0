import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** PUT /imports/:id/mapping: the user's changes; each field replaces what was chosen before (leave it out to keep it). */
export class UpdateImportChoicesDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { M: 'latestUpdate', N: null },
    description: 'by column letter: the field it feeds (reference, finding, workstream, actionTitle, description, owner, partner, startDate, dueDate, status, rag, milestones, successMeasure, latestUpdate, evidence), or null to leave it out',
  })
  @IsOptional()
  @IsObject()
  columns?: Record<string, string | null>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['not_started', 'in_progress', 'blocked', 'complete', 'embedded'] },
    example: { 'awaiting sign-off': 'complete' },
  })
  @IsOptional()
  @IsObject()
  statusWords?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid', nullable: true },
    description:
      "owner text as written -> a user's id (an active board member, owner or admin of the plan), or null to leave it unassigned (an action needs an owner, so a new action is held by whoever commits until reassigned; an existing one keeps its owner). Every owner in preview.unmatchedOwners must be mapped or left unassigned before the commit (409 import_owners_not_decided).",
  })
  @IsOptional()
  @IsObject()
  ownerMatches?: Record<string, string | null>;

  @ApiPropertyOptional({ description: 'take the suggested date where a date cell holds words ("Summer 2026" -> 2026-08-31)' })
  @IsOptional()
  @IsBoolean()
  acceptSuggestedDates?: boolean;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sheetName?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  headerRowNumber?: number;
}

/** POST /imports/:id/commit. */
export class CommitImportDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['file', 'system'] },
    example: { 'A1.2': 'file', 'A1.3': 'system' },
    description: "by action reference, how to settle each conflict: take the file's values, or keep the system's. Unsettled conflicts are left as the system has them.",
  })
  @IsOptional()
  @IsObject()
  resolutions?: Record<string, string>;
}
