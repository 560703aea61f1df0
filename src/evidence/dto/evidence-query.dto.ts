import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { EVIDENCE_REVIEW_STATES, type EvidenceReviewState } from '../../vocabulary/evidence-review-state';

export class EvidenceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EVIDENCE_REVIEW_STATES })
  @IsOptional()
  @IsIn(EVIDENCE_REVIEW_STATES)
  reviewState?: EvidenceReviewState;

  @ApiPropertyOptional({ description: 'admins only: include withdrawn evidence', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeWithdrawn?: boolean;
}
