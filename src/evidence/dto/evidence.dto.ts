import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/pagination/page.dto';
import { EVIDENCE_REVIEW_DECISIONS, EVIDENCE_REVIEW_STATES, type EvidenceReviewDecision, type EvidenceReviewState } from '../../vocabulary/evidence-review-state';

/** A person as evidence shows them: id and name, nothing more. */
export class EvidencePersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jo Bloggs' }) name: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) milestoneId: string | null;
  @ApiProperty({ example: 'Safeguarding audit, Q3 2026' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'the uploaded name, cleaned for display (never a path)', example: 'Q3 audit.pdf' }) fileName: string;
  @ApiProperty({ description: 'judged from the content', example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 482113 }) sizeBytes: number;
  @ApiProperty({ description: 'hex SHA-256 of the content, also the download ETag', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ type: EvidencePersonDto }) uploadedBy: EvidencePersonDto;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({ enum: EVIDENCE_REVIEW_STATES }) reviewState: EvidenceReviewState;
  @ApiProperty({ type: EvidencePersonDto, nullable: true }) reviewedBy: EvidencePersonDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the latest review comment' }) reviewComment: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the rejected item this upload replaces' }) supersedesId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the upload that replaced this rejected item' })
  supersededById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'set when the uploader withdrew it (admins only see it then)' })
  withdrawnAt: string | null;
  @ApiProperty({ type: EvidencePersonDto, nullable: true }) withdrawnBy: EvidencePersonDto | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '/api/v1/evidence/0b1c.../content', description: 'where to download the file' }) contentUrl: string;
}

export class EvidenceReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EVIDENCE_REVIEW_DECISIONS }) decision: EvidenceReviewDecision;
  @ApiProperty() comment: string;
  @ApiProperty({ type: EvidencePersonDto }) reviewer: EvidencePersonDto;
  @ApiProperty({ format: 'date-time' }) reviewedAt: string;
}

/** One item with its whole review history, oldest first. */
export class EvidenceDetailDto extends EvidenceDto {
  @ApiProperty({ type: [EvidenceReviewDto] }) reviews: EvidenceReviewDto[];
}

export class EvidencePageDto extends PageDto<EvidenceDto> {
  @ApiProperty({ type: [EvidenceDto] })
  items: EvidenceDto[];
}
