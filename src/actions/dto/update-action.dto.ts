import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { MAX_FINDINGS_PER_ACTION } from './create-action.dto';
import { trim } from './transforms';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';

// Fields that cannot be null are validated whenever present (ValidateIf), so `null` is a 400, not a
// database error; nullable ones use IsOptional, where null clears the value.
const present = (_: object, v: unknown) => v !== undefined;

/** Admin and board may send any field; an action's owner only status and progressPercent. */
export class UpdateActionDto {
  @ApiPropertyOptional({ example: 'A1.3', minLength: 1, maxLength: 40 })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  reference?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300 })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @ValidateIf(present)
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(present)
  @IsUUID()
  workstreamId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, description: 'replaces the linked findings (at least one)' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FINDINGS_PER_ACTION)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  findingIds?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(present)
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  leadAgency?: string | null;

  @IsOptional()
  @OptionalCalendarDateProperty('null clears it', '2026-01-05')
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-09-30' })
  @ValidateIf(present)
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @ValidateIf(present)
  @IsString()
  @MaxLength(10000)
  successMeasures?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @ValidateIf(present)
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @ValidateIf(present)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'only on a complete (or completing) action' })
  @ValidateIf(present)
  @IsCalendarDate()
  effectivenessCheckDue?: string;

  @ExpectedVersion()
  version: number;
}
