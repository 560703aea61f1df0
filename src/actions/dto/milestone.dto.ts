import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageDto } from '../../common/pagination/page.dto';
import { CalendarDateProperty, IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { trim } from './transforms';
import { ExpectedVersion } from '../../common/validation/expected-version';

/** A milestone given with a new action (POST /plans/:planId/actions `milestones`). */
export class InitialMilestoneDto {
  @ApiProperty({ example: 'Multi-agency audit of 30 cases completed', minLength: 1, maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @CalendarDateProperty('not after the action due date unless allowAfterActionDue is true', '2026-03-31')
  dueDate: string;

  @ApiPropertyOptional({ default: false, description: 'allow a due date after the action due date (said explicitly)' })
  @IsOptional()
  @IsBoolean()
  allowAfterActionDue?: boolean;
}

export class CreateMilestoneDto extends InitialMilestoneDto {
  @ApiPropertyOptional({ description: 'the day it was done (London); not in the future', type: String, format: 'date', example: '2026-02-10' })
  @IsOptional()
  @IsCalendarDate()
  completedOn?: string;

  @ApiPropertyOptional({ description: 'position in the action; defaults to after the last one', minimum: 0, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

/** Owners of the action may send only `completedOn` (and `version`). */
export class UpdateMilestoneDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 300 })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-03-31' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate()
  dueDate?: string;

  @IsOptional()
  @OptionalCalendarDateProperty('the day it was done (London), or null to reopen; not in the future', '2026-02-10')
  completedOn?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  allowAfterActionDue?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000 })
  @ValidateIf((_, v) => v !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;

  @ExpectedVersion()
  version: number;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date' }) dueDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn: string | null;
  @ApiProperty() allowAfterActionDue: boolean;
  @ApiProperty() sortOrder: number;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MilestonePageDto extends PageDto<MilestoneDto> {
  @ApiProperty({ type: [MilestoneDto] })
  items: MilestoneDto[];
}
