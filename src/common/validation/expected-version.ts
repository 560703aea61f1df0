import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/**
 * The `version` an Update DTO carries for optimistic locking (see updateWithVersion): required,
 * a whole number from 1, documented once.
 */
export const ExpectedVersion = () =>
  applyDecorators(
    ApiProperty({ description: 'the version you read; a stale one gets 409 with the current version', example: 1 }),
    Type(() => Number),
    IsInt(),
    Min(1),
  );
