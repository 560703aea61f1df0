import { Idempotent } from '../idempotency/idempotent.decorator';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Request } from 'express';
import { CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { EVIDENCE_DESCRIPTION_MAX, EVIDENCE_TITLE_MAX } from './dto/create-evidence.dto';
import { EvidenceDetailDto, EvidencePageDto } from './dto/evidence.dto';
import { EvidenceQueryDto } from './dto/evidence-query.dto';
import { EvidenceUploadService } from './evidence-upload.service';
import { EvidenceService } from './evidence.service';

/**
 * Evidence of one action. The upload handler takes the raw request: the global body parsers only
 * read application/json and urlencoded bodies, so a multipart body reaches the service unread and
 * is streamed from the socket to storage.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('actions/:id/evidence')
export class ActionEvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly uploads: EvidenceUploadService,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Upload a file as evidence for an action (owners: their own actions; board and admin: any)',
    description:
      'Streamed to storage, never held in memory. The type is judged from the content; the file name is cleaned for display ' +
      'and never used as a path. Scanned for malware before it becomes visible. The same content is stored once.',
  })
  @ApiConsumes('multipart/form-data')
  // The handler reads the stream itself, so the multipart body is described here rather than reflected from a DTO.
  @ApiBody({
    schema: {
      type: 'object',
      required: ['title', 'file'],
      properties: {
        title: { type: 'string', maxLength: EVIDENCE_TITLE_MAX, example: 'Safeguarding audit, Q3 2026' },
        description: { type: 'string', maxLength: EVIDENCE_DESCRIPTION_MAX },
        milestoneId: { type: 'string', format: 'uuid', description: 'a milestone of this action' },
        supersedesId: { type: 'string', format: 'uuid', description: 'a rejected evidence item of this action that this upload replaces' },
        file: {
          type: 'string',
          format: 'binary',
          description:
            'exactly one file, up to EVIDENCE_MAX_BYTES (25 MB by default): PDF, Word, Excel, PowerPoint, CSV, plain text, PNG or JPEG, ' +
            'judged by its content (the name and declared type decide nothing). The text fields may come before or after it.',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: EvidenceDetailDto })
  @ApiBadRequestResponse({ description: 'a missing or invalid field, no file, an empty file, or a malformed form' })
  @ApiForbiddenResponse({ description: 'an owner adding evidence to an action they do not own' })
  @ApiNotFoundResponse({ description: 'no such action in your organisation (also for scrutiny members)' })
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than EVIDENCE_MAX_BYTES (25 MB by default)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'the content is not an allowed type (details.allowedTypes lists them), or the body is not multipart' })
  @ApiConflictResponse({
    description:
      'supersedesId names rejected evidence that another upload has already replaced (already_superseded); or the plan is closed (plan_closed), ' +
      'also when it was closed while the file was arriving (the owner, the role and the plan are checked again at the commit)',
  })
  @ApiUnprocessableEntityResponse({ description: 'the malware scanner found something; nothing was stored' })
  @ApiServiceUnavailableResponse({ description: 'storage or the malware scanner failed; nothing was saved (quote the requestId)' })
  upload(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Req() req: Request): Promise<EvidenceDetailDto> {
    return this.uploads.upload(user, actionId, req);
  }

  @Get()
  @ApiOperation({ summary: "List an action's evidence, newest first (withdrawn items only for admins, with includeWithdrawn=true)" })
  @ApiOkResponse({ type: EvidencePageDto })
  @ApiForbiddenResponse({ description: 'includeWithdrawn by someone who is not an admin' })
  @ApiNotFoundResponse({ description: "no such action in your organisation, another owner's action, or a scrutiny member" })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Query() query: EvidenceQueryDto): Promise<EvidencePageDto> {
    return this.evidence.listForAction(user, actionId, query);
  }
}
