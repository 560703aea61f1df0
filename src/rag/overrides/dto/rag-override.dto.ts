import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { CalendarDateProperty } from '../../../common/validation/is-calendar-date';
import { RAG_COLOURS, type RagColour } from '../../../vocabulary/rag-colour';

export const OVERRIDE_MAX_DAYS = 180;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SetRagOverrideDto {
  @ApiProperty({ enum: RAG_COLOURS, example: 'amber' })
  @IsIn(RAG_COLOURS)
  colour: RagColour;

  @ApiProperty({ minLength: 3, maxLength: 1000, example: 'Milestone slipped for a reason agreed at board; recovery plan in place' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @CalendarDateProperty(`the last day the override applies (London): today at the earliest, at most ${OVERRIDE_MAX_DAYS} days ahead`, '2027-01-31')
  expiresOn: string;
}

export class RagOverrideDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'date' }) expiresOn: string;
  @ApiProperty({ example: 'Override: recovery plan agreed at board (until 31 January 2027)', description: 'the reason as it is shown wherever the colour appears' })
  text: string;
  @ApiProperty({ format: 'uuid' }) setById: string;
  @ApiProperty({ format: 'date-time' }) setAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) endedById: string | null;
  @ApiProperty({ description: 'not ended and not expired today' }) active: boolean;
}
