import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { INT4_MAX } from '../../common/validation/int-range';
import { PageDto } from '../../common/pagination/page.dto';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';

export class CreateProgressUpdateDto {
  @ApiProperty({ minLength: 1, maxLength: 5000, example: 'Audit of 30 cases completed; findings to the March board.' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  narrative: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'defaults to today (London); not in the future' })
  @IsOptional()
  @IsCalendarDate()
  updateDate?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, description: "also sets the action's status, in the same transaction" })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "also sets the action's progress" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @ApiPropertyOptional({ description: 'the action version you read; when given, a stale one gets 409 and nothing is saved', minimum: 1, maximum: INT4_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  actionVersion?: number;
}

export class ProgressUpdateAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) partnerAgency: string | null;
}

export class ProgressUpdateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ type: ProgressUpdateAuthorDto }) author: ProgressUpdateAuthorDto;
  @ApiProperty({ type: String, format: 'date' }) updateDate: string;
  @ApiProperty() narrative: string;
  @ApiProperty({ enum: ACTION_STATUSES, description: "the action's status once this update was saved" }) statusAtTime: ActionStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercentAtTime: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedProgressUpdateDto extends ProgressUpdateDto {
  @ApiProperty({ description: "the action's version after this update (send it with your next change)" }) actionVersion: number;
}

export class ProgressUpdatePageDto extends PageDto<ProgressUpdateDto> {
  @ApiProperty({ type: [ProgressUpdateDto] })
  items: ProgressUpdateDto[];
}
