import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { INT4_MAX } from './int-range';

/**
 * The `version` an Update DTO carries for optimistic locking (see updateWithVersion): required,
 * a whole number from 1 to the int4 maximum, documented once.
 */
export const ExpectedVersion = () =>
  applyDecorators(
    ApiProperty({ description: 'the version you read; a stale one gets 409 with the current version', example: 1, minimum: 1, maximum: INT4_MAX }),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(INT4_MAX),
  );
