import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { CalendarDateProperty, IsCalendarDate, OptionalCalendarDateProperty } from '../../common/validation/is-calendar-date';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import type { NoticeStatus } from '../entities/notice.entity';
import { NOTICE_KIND_INFO, NOTICE_KINDS, type NoticeKind } from '../../vocabulary/notice-kind';
import { ExpectedVersion } from '../../common/validation/expected-version';

export const NOTICE_STATUSES: readonly NoticeStatus[] = ['open', 'downgraded', 'closed'];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const KIND_DOC = NOTICE_KINDS.map((kind) => `${kind}: ${NOTICE_KIND_INFO[kind].description}`).join('; ');
const STATUS_CHANGED_ON_DOC =
  'the day the status changed (defaults to today, Europe/London); not before issuedOn, not after today. Only with a status change (or on create).';

export class CreateNoticeDto {
  @ApiProperty({ enum: NOTICE_KINDS, description: KIND_DOC })
  @IsIn(NOTICE_KINDS)
  kind: NoticeKind;

  @ApiProperty({ example: 'Section 50 notice: failure to discharge Care Act safeguarding duties' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'the inspection the notice follows, in your organisation' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string | null;

  @CalendarDateProperty('the date on the notice or letter', '2025-07-15')
  issuedOn: string;

  @IsOptional()
  @OptionalCalendarDateProperty('by when it must be met; not before issuedOn', '2026-07-31')
  deadline?: string | null;

  @ApiPropertyOptional({ description: 'what the notice says is failing', example: 'Safeguarding enquiries are not consistently timely or overseen.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  failings?: string;

  @ApiPropertyOptional({ description: 'what must be done, and by when', example: 'Submit an improvement plan within 30 days; report progress quarterly.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  requirements?: string;

  @ApiPropertyOptional({ enum: NOTICE_STATUSES, default: 'open', description: 'a notice recorded after the event may start downgraded or closed' })
  @IsOptional()
  @IsIn(NOTICE_STATUSES)
  status?: NoticeStatus;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'on create: when the starting status took effect (defaults to issuedOn)' })
  @IsOptional()
  @IsCalendarDate()
  statusChangedOn?: string;

  @ApiPropertyOptional({ description: 'a note for the status history', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  statusNote?: string;
}

export class UpdateNoticeDto {
  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @NotNullWhenPresent()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null unlinks the inspection' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @NotNullWhenPresent()
  @IsCalendarDate()
  issuedOn?: string;

  @IsOptional()
  @OptionalCalendarDateProperty('not before issuedOn; null clears it', '2026-07-31')
  deadline?: string | null;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString()
  @MaxLength(20000)
  failings?: string;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString()
  @MaxLength(20000)
  requirements?: string;

  @ApiPropertyOptional({ enum: NOTICE_STATUSES, description: 'a change is written to the status history' })
  @NotNullWhenPresent()
  @IsIn(NOTICE_STATUSES)
  status?: NoticeStatus;

  @ApiPropertyOptional({ type: String, format: 'date', description: STATUS_CHANGED_ON_DOC })
  @IsOptional()
  @IsCalendarDate()
  statusChangedOn?: string;

  @ApiPropertyOptional({ description: 'why the status changed, for the history (only with a status change)', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  statusNote?: string;

  @ExpectedVersion()
  version: number;
}

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES })
  @IsOptional()
  @IsIn(NOTICE_STATUSES)
  status?: NoticeStatus;

  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string;
}

export class NoticeStatusChangeDto {
  @ApiProperty({ enum: NOTICE_STATUSES, nullable: true, description: 'null for the status the notice started with' }) fromStatus: NoticeStatus | null;
  @ApiProperty({ enum: NOTICE_STATUSES }) toStatus: NoticeStatus;
  @ApiProperty({ type: String, format: 'date' }) changedOn: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) changedById: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the name of who recorded it' }) changedByName: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time', description: 'when it was recorded' }) recordedAt: string;
}

export class NoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty({ example: 'Section 50 notification' }) kindLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) inspectionId: string | null;
  @ApiProperty({ type: String, format: 'date' }) issuedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiProperty() failings: string;
  @ApiProperty() requirements: string;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: NoticeStatus;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class NoticeDetailDto extends NoticeDto {
  @ApiProperty({ type: [NoticeStatusChangeDto], description: 'oldest first' })
  statusHistory: NoticeStatusChangeDto[];
}

export class NoticePageDto extends PageDto<NoticeDto> {
  @ApiProperty({ type: [NoticeDto] })
  items: NoticeDto[];
}
