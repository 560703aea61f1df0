import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { sendEvidenceContent } from './download/send-evidence-content';
import { EvidenceDetailDto } from './dto/evidence.dto';
import { ReviewEvidenceDto } from './dto/review-evidence.dto';
import { WithdrawEvidenceDto } from './dto/withdraw-evidence.dto';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id')
  @ApiOperation({ summary: 'One evidence item with its review history' })
  @ApiOkResponse({ type: EvidenceDetailDto })
  @ApiNotFoundResponse({ description: "not in your organisation, another owner's action, withdrawn (except for admins), or a scrutiny member" })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<EvidenceDetailDto> {
    return this.evidence.get(user, id);
  }

  @Get(':id/content')
  @ApiOperation({
    summary: 'Download the file (always as an attachment; supports single byte ranges and ETag revalidation)',
  })
  @ApiProduces('application/octet-stream')
  @ApiHeader({ name: 'Range', required: false, description: 'bytes=start-end, bytes=start- or bytes=-n (one range)' })
  @ApiHeader({ name: 'If-Range', required: false, description: 'the ETag of a partial copy: the range applies only if it still matches' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag (SHA-256) of a copy you hold: 304 if unchanged' })
  @ApiResponse({ status: 200, description: 'the whole file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 206, description: 'the requested range, with Content-Range', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 304, description: 'your copy (If-None-Match) is current' })
  @ApiResponse({ status: 416, description: 'the range starts beyond the end of the file; Content-Range: bytes */size' })
  @ApiNotFoundResponse({ description: 'as for GET /evidence/:id' })
  @ApiServiceUnavailableResponse({ description: 'evidence storage could not be read; try again (storage_unavailable)' })
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await sendEvidenceContent(this.evidence, user, id, { range, ifRange, ifNoneMatch }, res);
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept or reject submitted evidence (board and admin; never your own upload; a comment is required to reject)' })
  @ApiOkResponse({ type: EvidenceDetailDto })
  @ApiForbiddenResponse({ description: 'not board or admin, or you uploaded it' })
  @ApiNotFoundResponse({ description: 'as for GET /evidence/:id' })
  @ApiConflictResponse({ description: 'already reviewed, withdrawn, or a stale version' })
  review(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: ReviewEvidenceDto): Promise<EvidenceDetailDto> {
    return this.evidence.review(user, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw your own unreviewed evidence: it leaves lists, stays readable by admins and in the audit trail, and is never deleted',
  })
  @ApiOkResponse({ type: EvidenceDetailDto })
  @ApiForbiddenResponse({ description: 'you did not upload it' })
  @ApiNotFoundResponse({ description: 'as for GET /evidence/:id' })
  @ApiConflictResponse({ description: 'already reviewed, already withdrawn, or a stale version' })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: WithdrawEvidenceDto): Promise<EvidenceDetailDto> {
    return this.evidence.withdraw(user, id, dto);
  }
}
