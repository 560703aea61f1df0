import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';
import { PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePackDto {
  @ApiPropertyOptional({ format: 'uuid', description: "a meeting of the plan's calendar the pack is for: its committee and date print on the cover" })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({
    enum: PACK_AUDIENCES,
    description: "board: the detailed internal pack (names owners); scrutiny: the summary for elected members (no personal data). Required, unless meetingId is given (then the committee's audience)",
  })
  @ValidateIf((o: CreatePackDto) => o.meetingId === undefined || o.audience !== undefined)
  @IsIn(PACK_AUDIENCES)
  audience?: PackAudience;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-11-23',
    description: "reporting date (Europe/London); today or earlier. Required, unless meetingId is given (then the meeting's papers deadline, or today while that is still to come)",
  })
  @ValidateIf((o: CreatePackDto) => o.meetingId === undefined || o.asOf !== undefined)
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'printed on the cover; by default "<organisation> improvement plan: progress and exception report" (board) or "...: progress report" (scrutiny)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: PACK_FORMATS, isArray: true, description: 'the files to produce; all four when omitted', example: ['pdf', 'xlsx'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(PACK_FORMATS.length)
  @ArrayUnique()
  @IsIn(PACK_FORMATS, { each: true })
  formats?: PackFormat[];
}
