import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarDateProperty } from '../../common/validation/is-calendar-date';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';
import { PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePackDto {
  @ApiProperty({ enum: PACK_AUDIENCES, description: 'board: the detailed internal pack (names owners); scrutiny: the summary for elected members (no personal data)' })
  @IsIn(PACK_AUDIENCES)
  audience: PackAudience;

  @CalendarDateProperty('reporting date (Europe/London); today or earlier', '2026-11-23')
  asOf: string;

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
