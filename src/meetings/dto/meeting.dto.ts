import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { CalendarDateProperty, IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';

const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_MESSAGE = 'startsAt must be a time HH:MM (24-hour clock)';

export class CreateMeetingDto {
  @ApiProperty({ format: 'uuid', description: "one of the plan's committees" })
  @IsUUID()
  committeeId: string;

  @CalendarDateProperty('the day of the meeting (Europe/London)', '2026-05-05')
  meetsOn: string;

  @ApiPropertyOptional({ example: '18:30', nullable: true, type: String, description: 'local start time, HH:MM' })
  @IsOptional()
  @Transform(trimToNull)
  @Matches(HH_MM, { message: HH_MM_MESSAGE })
  startsAt?: string | null;

  @ApiPropertyOptional({ example: 'Council Chamber, Town Hall', nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-27', description: 'by default 5 working days before the meeting (England and Wales bank holidays)' })
  @IsOptional()
  @IsCalendarDate()
  papersDeadline?: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'moving the meeting moves a papers deadline that follows the rule' })
  @NotNullWhenPresent()
  @IsCalendarDate()
  meetsOn?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '18:30' })
  @IsOptional()
  @Transform(trimToNull)
  @Matches(HH_MM, { message: HH_MM_MESSAGE })
  startsAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'a date sets it; null puts it back to the rule (5 working days before)' })
  @IsOptional()
  @IsCalendarDate()
  papersDeadline?: string | null;

  @ApiPropertyOptional({ description: 'a cancelled meeting is nobody’s next meeting' })
  @NotNullWhenPresent()
  @IsBoolean()
  cancelled?: boolean;

  @ExpectedVersion()
  version: number;
}

export class MeetingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this committee’s meetings' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;

  @OptionalCalendarDateProperty('only meetings on or after this day', '2026-01-01')
  @IsOptional()
  from?: string;
}

export class MeetingCommitteeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PACK_AUDIENCES }) audience: PackAudience;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ type: MeetingCommitteeDto }) committee: MeetingCommitteeDto;
  @ApiProperty({ type: String, format: 'date' }) meetsOn: string;
  @ApiProperty({ nullable: true, type: String, example: '18:30' }) startsAt: string | null;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ type: String, format: 'date' }) papersDeadline: string;
  @ApiProperty({ description: 'true when set by hand; false when it follows the rule (5 working days before)' }) papersDeadlineSet: boolean;
  @ApiProperty() cancelled: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingPageDto extends PageDto<MeetingDto> {
  @ApiProperty({ type: [MeetingDto] })
  items: MeetingDto[];
}
