import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { OUTBOX_STATES, type OutboxSkipReason, type OutboxState } from '../entities/outbox-message.entity';
import { MESSAGE_KINDS, type MessageKind } from '../notification-kinds';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';

/** An empty filter (a GET form's unchosen select or blank input) means no filter. */
const emptyIsAbsent = Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export class OutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_KINDS })
  @emptyIsAbsent
  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  kind?: MessageKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'messages to this user' })
  @emptyIsAbsent
  @IsOptional()
  @IsUUID()
  recipientId?: string;

  @ApiPropertyOptional({ enum: OUTBOX_STATES })
  @emptyIsAbsent
  @IsOptional()
  @IsIn(OUTBOX_STATES)
  state?: OutboxState;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'written on or after this London day' })
  @emptyIsAbsent
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'written on or before this London day' })
  @emptyIsAbsent
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/**
 * One message as the board sees it: who it went to (name and address: the board knows its plan's
 * people), what and when, and how delivery went. Never the body (it may quote a reviewer's comment
 * meant for one person) and never the unsubscribe link (it acts for the recipient).
 */
export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind: MessageKind;
  @ApiProperty({ format: 'uuid' }) recipientId: string;
  @ApiProperty({ example: 'Action owner 1' }) recipientName: string;
  @ApiProperty({ example: 'owner@example.gov.uk', description: 'the address it was written to' }) recipientAddress: string;
  @ApiProperty({ example: 'Due in 7 days: milestone ‘Audit fieldwork complete’ (action A1.4)' }) subject: string;
  @ApiProperty({ example: '2026-12-07', description: 'which occurrence (a due date, a week, a day)' }) period: string;
  @ApiProperty({ enum: OUTBOX_STATES }) state: OutboxState;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'the last delivery failure, as the server said it' }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['recipient_inactive', 'unsubscribed'] }) skipReason: OutboxSkipReason | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'when the next attempt is due (pending messages)' }) nextAttemptAt: string;
}

export class OutboxPageDto extends PageDto<OutboxMessageDto> {
  @ApiProperty({ type: [OutboxMessageDto] }) items: OutboxMessageDto[];
}
