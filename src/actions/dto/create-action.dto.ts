import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CalendarDateProperty, IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { InitialMilestoneDto } from './milestone.dto';
import { trim } from './transforms';
import { ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';

export const MAX_FINDINGS_PER_ACTION = 50;
export const MAX_INITIAL_MILESTONES = 50;

export class CreateActionDto {
  @ApiProperty({ example: 'A1.3', description: 'unique within the organisation', minLength: 1, maxLength: 40 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  reference: string;

  @ApiProperty({ example: 'Implement a multi-agency safeguarding audit programme', minLength: 1, maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ maxLength: 10000, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ format: 'uuid', description: 'a workstream (priority / key outcome) of your organisation' })
  @IsUUID()
  workstreamId: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_FINDINGS_PER_ACTION, description: 'the findings this action answers (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FINDINGS_PER_ACTION)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  findingIds: string[];

  @ApiProperty({ format: 'uuid', description: 'an active user of your organisation (not a scrutiny member)' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ example: 'Merseyside Police', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  leadAgency?: string | null;

  @IsOptional()
  @OptionalCalendarDateProperty('when work starts (London)', '2026-01-05')
  startDate?: string | null;

  @CalendarDateProperty('not before startDate', '2026-09-30')
  dueDate: string;

  @ApiPropertyOptional({ maxLength: 10000, default: '', description: 'how the council will know it worked' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  successMeasures?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, default: 'not_started', description: 'complete stamps completedOn; embedded only from complete' })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0, description: '100 when complete' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'only with status complete; defaults to completion + 90 days' })
  @IsOptional()
  @IsCalendarDate()
  effectivenessCheckDue?: string;

  @ApiPropertyOptional({ type: [InitialMilestoneDto], maxItems: MAX_INITIAL_MILESTONES, description: 'created with the action, in one transaction' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INITIAL_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => InitialMilestoneDto)
  milestones?: InitialMilestoneDto[];
}
