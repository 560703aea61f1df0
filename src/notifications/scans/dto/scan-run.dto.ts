import { ApiProperty } from '@nestjs/swagger';
import type { MessageKind } from '../../notification-kinds';
import type { EnqueueOutcome } from '../../outbox/outbox.service';

/** What one run of the daily reminder scan wrote to the outbox (the messages are then sent by the worker). */
export class ScanRunDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-12-07', description: 'the London day scanned (today)' })
  day: string;

  @ApiProperty({ example: 12, description: 'messages the rules asked for today' })
  requested: number;

  @ApiProperty({ example: 3, description: 'new messages written (the others were written before, go in a weekly digest, are switched off, or are to a deactivated user)' })
  written: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    example: { action_due_7d: { written: 1 }, milestone_overdue: { duplicate: 2 } },
    description: 'per message kind, how many of each outcome: written, duplicate, deferred_to_digest, suppressed_off, recipient_inactive',
  })
  byKind: Partial<Record<MessageKind, Partial<Record<EnqueueOutcome, number>>>>;
}
