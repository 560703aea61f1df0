import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Multipart sends every field as text; an empty optional field means "not given". */
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const EVIDENCE_TITLE_MAX = 300;
export const EVIDENCE_DESCRIPTION_MAX = 5000;

/**
 * The text fields of the multipart upload (the file is the `file` part). Validated by the global
 * validation rules once the form has been read, so problems name their field like everywhere else.
 */
export class CreateEvidenceDto {
  @ApiProperty({ example: 'Safeguarding audit, Q3 2026', maxLength: EVIDENCE_TITLE_MAX })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(EVIDENCE_TITLE_MAX)
  title: string;

  @ApiPropertyOptional({ example: 'Audit of 40 case files against the new threshold guidance', maxLength: EVIDENCE_DESCRIPTION_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(EVIDENCE_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a milestone of this action that the evidence proves' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUUID()
  milestoneId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a rejected evidence item of this action that this upload replaces' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUUID()
  supersedesId?: string;
}
