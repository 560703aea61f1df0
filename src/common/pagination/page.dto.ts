import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { INT4_MAX } from '../validation/int-range';

export const MAX_PAGE_SIZE = 200;

/**
 * Query DTOs (subclasses of PageQueryDto) whose own filters are all optional, without defaults:
 * a query of `page` and `pageSize` alone is then decided by PageQueryDto's rules, and the
 * validation pipe answers it without class-transformer and class-validator (validation.pipe.ts).
 */
export const PAGE_ONLY_QUERIES = new WeakSet<object>();

/** `?page=&pageSize=` on every list; extend it with the list's own filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: INT4_MAX, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 25;

  get skip(): number {
    return (this.page - 1) * this.pageSize;
  }
}

/** The envelope every list answers with; subclasses declare `items` with their own DTO for OpenAPI. */
export abstract class PageDto<T> {
  abstract items: T[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 25 })
  pageSize: number;

  @ApiProperty({ example: 120, description: 'rows matching the filters, across all pages' })
  total: number;
}

export function toPage<T>(items: T[], total: number, query: { page: number; pageSize: number }) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** `JSON.stringify(toPage(items, total, query))` from the items' JSON text (an array), without parsing it. */
export function pageJson(itemsJson: string, total: number, query: { page: number; pageSize: number }): string {
  return `{"items":${itemsJson},"total":${JSON.stringify(total)},"page":${JSON.stringify(query.page)},"pageSize":${JSON.stringify(query.pageSize)}}`;
}
