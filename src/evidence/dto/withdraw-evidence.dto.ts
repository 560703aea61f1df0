import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class WithdrawEvidenceDto {
  @ApiPropertyOptional({ description: 'the version you read; if given and stale, 409 with the current version', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
