import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { INT4_MAX } from '../../common/validation/int-range';

export class WithdrawEvidenceDto {
  @ApiPropertyOptional({ description: 'the version you read; if given and stale, 409 with the current version', example: 1, minimum: 1, maximum: INT4_MAX })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  version?: number;
}
