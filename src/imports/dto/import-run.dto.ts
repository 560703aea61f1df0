import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDto } from '../../common/pagination/page.dto';
import { IMPORT_RUN_STATUSES, type ImportCounts, type ImportRunError, type ImportRunStatus } from '../entities/import-run.entity';
import type { ImportChoices } from '../preview/import-choices';
import type { ImportPreview } from '../preview/import-preview';

export class ImportPersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Programme lead' })
  name: string;
}

export class ImportCountsDto implements ImportCounts {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'rows changed in the system since the last import and in the file: left as the system has them unless resolved' })
  conflicts: number;
  @ApiProperty({ description: 'rows with errors, not imported' })
  skipped: number;
}

export class ImportRunErrorDto implements ImportRunError {
  @ApiProperty({ example: 'archive_compression_ratio' })
  code: string;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  details?: unknown;
}

/** One import of a tracker, as lists show it. */
export class ImportRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  planId: string;

  @ApiProperty({ enum: IMPORT_RUN_STATUSES, description: 'uploaded -> previewing -> previewed -> committing -> committed; failed when the file cannot be imported' })
  status: ImportRunStatus;

  @ApiProperty({ example: 'Improvement plan tracker.xlsx' })
  fileName: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ description: 'SHA-256 of the original file' })
  sha256: string;

  @ApiProperty({ type: ImportPersonDto })
  createdBy: ImportPersonDto;

  @ApiProperty()
  createdAt: string;

  @ApiPropertyOptional({ type: ImportPersonDto, nullable: true })
  committedBy: ImportPersonDto | null;

  @ApiPropertyOptional({ nullable: true })
  committedAt: string | null;

  @ApiPropertyOptional({ type: ImportCountsDto, nullable: true })
  counts: ImportCountsDto | null;

  @ApiProperty({ description: 'audit events the commit wrote (one per row changed, naming the import)' })
  auditEvents: number;

  @ApiPropertyOptional({ type: ImportRunErrorDto, nullable: true })
  error: ImportRunErrorDto | null;

  @ApiProperty({ example: '/api/v1/imports/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01', description: 'poll this until the status is previewed, committed or failed' })
  statusUrl: string;

  @ApiProperty({ example: '/api/v1/imports/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01/file' })
  fileUrl: string;
}

/** One import with its preview (what a commit would do, every problem with sheet, row and column) and the user's choices. */
export class ImportRunDetailDto extends ImportRunDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'counts (actions, findings, workstreams, milestones to create / update / leave unchanged; conflicts; skipped), rows (each with its outcome and changes), issues (severity, code, sheet, row, column, message), unmatchedOwners, statusWords, the suggested mapping and the columns',
  })
  preview: ImportPreview | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'columns, statusWords, ownerMatches, acceptSuggestedDates, sheetName, headerRowNumber, resolutions' })
  choices: ImportChoices;
}

export class ImportRunPageDto extends PageDto<ImportRunDto> {
  @ApiProperty({ type: [ImportRunDto] })
  items: ImportRunDto[];
}
