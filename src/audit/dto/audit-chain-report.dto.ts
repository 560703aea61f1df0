import { ApiProperty } from '@nestjs/swagger';

export class AuditChainHeadDto {
  @ApiProperty({ example: '1042', description: 'sequence number within the organisation (a decimal string: bigint)' }) seq: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 (hex) of the event, chained to every event before it' })
  hash: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class AuditChainBreakDto {
  @ApiProperty({ example: '17', description: 'sequence number of the first event whose link does not hold' }) seq: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({
    enum: ['sequence', 'previous_hash', 'hash', 'time'],
    description:
      "sequence: an event before it is missing (deleted) or one was inserted; previous_hash: it does not carry the previous event's hash " +
      '(that one was rewritten or removed); hash: its own fields were edited; time: it is dated before the event before it',
  })
  problem: string;
  @ApiProperty({ description: 'what the chain requires here' }) expected: string;
  @ApiProperty({ description: 'what the stored event holds' }) found: string;
}

/** The result of walking one organisation's audit chain from its first event. */
export class AuditChainReportDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ description: 'true when every event links to the one before it and to its own fields' }) valid: boolean;
  @ApiProperty({ description: 'events verified before the first broken link (all of them when valid)' }) eventsVerified: number;
  @ApiProperty({
    type: AuditChainHeadDto,
    nullable: true,
    description: 'the last verified event; record it elsewhere to notice later if the newest events were removed',
  })
  head: AuditChainHeadDto | null;
  @ApiProperty({ type: AuditChainBreakDto, nullable: true }) firstBreak: AuditChainBreakDto | null;
}
