import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobAcceptedDto } from '../../../queue/jobs/dto/job.dto';

/** Which rules apply. Documented here; checked by the policy's own validator (validateRagPolicySettings). */
export class RagRulesDto {
  @ApiProperty({ description: 'past its due date: Red ("overdue by N days")' })
  overdueAction: boolean;

  @ApiProperty({ description: 'a milestone overdue by more than redAfterDays: Red; by 1 day or more: Amber' })
  overdueMilestones: boolean;

  @ApiProperty({ description: 'status blocked: Red' })
  blocked: boolean;

  @ApiProperty({ description: 'started, and no progress update for more than staleAfterDays: Amber' })
  staleUpdates: boolean;

  @ApiProperty({ description: 'newest evidence rejected and nothing newer submitted: Amber' })
  rejectedEvidence: boolean;

  @ApiProperty({ description: 'progress percent behind the share of time elapsed by more than progressAmberPoints: Amber, by more than progressRedPoints: Red' })
  progressAgainstTime: boolean;
}

export class RagPolicySettingsDto {
  @ApiProperty({ minimum: 1, maximum: 365, example: 28, description: 'a milestone overdue by more than this many days is Red' })
  redAfterDays: number;

  @ApiProperty({ minimum: 1, maximum: 365, example: 42, description: 'a started action with no progress update for more than this many days is Amber' })
  staleAfterDays: number;

  @ApiProperty({ type: RagRulesDto })
  rules: RagRulesDto;

  @ApiProperty({ minimum: 1, maximum: 100, example: 15, description: 'progress behind time by more than this many points is Amber' })
  progressAmberPoints: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 30, description: 'progress behind time by more than this many points is Red (must be more than progressAmberPoints)' })
  progressRedPoints: number;
}

class RagRulesPatchDto {
  @ApiPropertyOptional() overdueAction?: boolean;
  @ApiPropertyOptional() overdueMilestones?: boolean;
  @ApiPropertyOptional() blocked?: boolean;
  @ApiPropertyOptional() staleUpdates?: boolean;
  @ApiPropertyOptional() rejectedEvidence?: boolean;
  @ApiPropertyOptional() progressAgainstTime?: boolean;
}

/**
 * PUT body: the settings to change; any left out keep their current value. Unknown settings are
 * refused (400 naming them). `version`, when given, must be the current version (409 otherwise).
 */
export class UpdateRagPolicyDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 7 }) redAfterDays?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 42 }) staleAfterDays?: number;
  @ApiPropertyOptional({ type: RagRulesPatchDto }) rules?: RagRulesPatchDto;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, example: 15 }) progressAmberPoints?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, example: 30 }) progressRedPoints?: number;
  @ApiPropertyOptional({ minimum: 1, example: 1, description: 'the policy version you read; a stale one gets 409' }) version?: number;
}

export class RagPolicyDto {
  @ApiProperty({ example: 2, description: 'every stored colour and snapshot records the version that produced it' })
  version: number;

  @ApiProperty({ type: RagPolicySettingsDto })
  settings: RagPolicySettingsDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for version 1 (the defaults)' })
  createdById: string | null;
}

export class RagPolicyChangeDto extends RagPolicyDto {
  @ApiProperty({ description: 'false when the settings sent were already the current ones (no new version)' })
  changed: boolean;

  @ApiProperty({
    type: JobAcceptedDto,
    nullable: true,
    description: 'the recompute of every action queued by the change; null when nothing changed, or when the queue could not be reached (the change is saved, and the nightly run recolours the plan with it)',
  })
  recompute: JobAcceptedDto | null;
}
