import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Max, Min } from 'class-validator';
import { INT4_MAX } from '../../common/validation/int-range';
import { EVIDENCE_REVIEW_DECISIONS, type EvidenceReviewDecision } from '../../vocabulary/evidence-review-state';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ReviewEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_REVIEW_DECISIONS })
  @IsIn(EVIDENCE_REVIEW_DECISIONS)
  decision: EvidenceReviewDecision;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'required when rejecting: what the owner should change',
    example: 'The audit covers Q2 only; please add the Q3 case files.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({ description: 'the version you read; if given and stale, 409 with the current version', example: 1, minimum: 1, maximum: INT4_MAX })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  version?: number;
}
