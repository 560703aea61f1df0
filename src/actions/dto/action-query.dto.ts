import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PAGE_ONLY_QUERIES, PageQueryDto } from '../../common/pagination/page.dto';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { toList } from './transforms';
import { ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';
import { RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';

export const ACTION_SORTS = ['reference', '-reference', 'dueDate', '-dueDate'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

export class ActionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  workstreamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'actions answering this finding' })
  @IsOptional()
  @IsUUID()
  findingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'actions answering a finding under this notice' })
  @IsOptional()
  @IsUUID()
  noticeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'actions answering a finding of this inspection' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string;

  @ApiPropertyOptional({ example: 'cqc', description: "regulator code ('cqc', 'ofsted', ...) of a finding's inspection" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  regulator?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, isArray: true, description: 'one or several: ?status=in_progress&status=blocked or ?status=in_progress,blocked' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(ACTION_STATUSES.length)
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @ApiPropertyOptional({ enum: RAG_COLOURS, isArray: true, description: 'one or several stored colours' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(RAG_COLOURS.length)
  @IsIn(RAG_COLOURS, { each: true })
  ragColour?: RagColour[];

  @ApiPropertyOptional({ type: String, format: 'date', description: 'due strictly before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'due strictly after this date' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'overdue at this date: due before it and not complete or embedded' })
  @IsOptional()
  @IsCalendarDate()
  overdueAt?: string;

  @ApiPropertyOptional({ description: 'text in the reference or title (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ACTION_SORTS, default: 'reference', description: 'reference sorts naturally (A1.2 before A1.10); prefix - for descending' })
  @IsOptional()
  @IsIn(ACTION_SORTS)
  sort?: ActionSort;
}

// Every filter above is optional and has no default: `?page=&pageSize=` alone takes the validation pipe's fast path.
PAGE_ONLY_QUERIES.add(ActionQueryDto);
