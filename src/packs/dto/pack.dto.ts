import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDto } from '../../common/pagination/page.dto';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';
import { PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';
import { PACK_STATES, type PackState } from '../../vocabulary/pack-state';

export class PackFileDto {
  @ApiProperty({ enum: PACK_FORMATS }) format: PackFormat;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 184_233 }) sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the file, hex' })
  sha256: string;
  @ApiProperty({ example: '/api/v1/packs/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01/files/pdf', description: 'download (as an attachment)' })
  url: string;
}

export class PackDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the meeting the pack was made for, if any' }) meetingId: string | null;
  @ApiProperty({ enum: PACK_AUDIENCES }) audience: PackAudience;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-23', description: 'reporting date' }) asOf: string;
  @ApiProperty({ example: 'Wirral Council improvement plan: progress and exception report' }) title: string;
  @ApiProperty({ enum: PACK_FORMATS, isArray: true, description: 'the files asked for' }) formats: PackFormat[];
  @ApiProperty({ enum: PACK_STATES, description: 'queued -> generating -> ready, or failed once every retry has failed' }) state: PackState;
  @ApiProperty({ example: 40, description: '0-100' }) progress: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why the last attempt failed: set when failed (and while queued again for a retry after a failed attempt)',
  })
  failureReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 of the pack model (generation time left out): the same data and reporting date give the same hash',
  })
  contentHash: string | null;
  @ApiProperty({ example: 'pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01', nullable: true, type: String, description: 'GET /api/v1/jobs/{jobId} shows the job' })
  jobId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'who asked for it (null for scrutiny members)' }) requestedById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'scrutiny packs only: when a board member published it' })
  publishedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'who published it (null for scrutiny members)' }) publishedById: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      "when the RAG statuses of the pack's reporting date last changed, if that was after the pack was made (a past date recomputed, " +
      'or a colour changing later on the same day): the pack reports statuses that are no longer the recorded ones; null otherwise',
  })
  figuresChangedAt: string | null;
  @ApiProperty({ type: [PackFileDto], description: 'the generated files (empty until ready)' }) files: PackFileDto[];
}

export class PackPageDto extends PageDto<PackDto> {
  @ApiProperty({ type: [PackDto] }) items: PackDto[];
}

/** 202 Accepted: the pack is built in the worker; poll statusUrl. */
export class PackAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PACK_STATES, example: 'queued' }) state: PackState;
  @ApiProperty({ example: 'pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01', description: 'GET /api/v1/jobs/{jobId} shows the queue job' }) jobId: string;
  @ApiProperty({ example: '/api/v1/packs/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01', description: 'poll this until state is ready or failed' })
  statusUrl: string;
  @ApiPropertyOptional({ example: '/api/v1/jobs/pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01' }) jobStatusUrl?: string;
}
