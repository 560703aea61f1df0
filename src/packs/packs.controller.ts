import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreatePackDto } from './dto/create-pack.dto';
import { PackAcceptedDto, PackDto, PackPageDto } from './dto/pack.dto';
import { PackQueryDto } from './dto/pack-query.dto';
import { PublicationCheckDto, PublishPackDto } from './dto/publication-check.dto';
import { PacksService } from './packs.service';
import { PACK_FORMAT_INFO, PACK_FORMATS } from '../vocabulary/pack-format';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Owners are not a pack audience (DESIGN): every route here refuses them. */
const PACK_READERS = ['admin', 'board', 'scrutiny'] as const;

@ApiTags('packs')
@ApiBearerAuth()
@Controller()
export class PacksController {
  constructor(private readonly packs: PacksService) {}

  @Post(PLAN_PATH('packs'))
  @Idempotent()
  @Roles('admin', 'board')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Request a progress pack for a reporting date; it is built by a background job (poll statusUrl)' })
  @ApiAcceptedResponse({ type: PackAcceptedDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members' })
  @ApiServiceUnavailableResponse({ description: 'the job queue could not take the request (queue_unavailable); try again shortly' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreatePackDto): Promise<PackAcceptedDto> {
    return this.packs.create(user, planId, dto);
  }

  @Get(PLAN_PATH('packs'))
  @Roles(...PACK_READERS)
  @ApiOperation({ summary: 'Packs of your organisation, newest first (scrutiny members: published scrutiny packs only)' })
  @ApiOkResponse({ type: PackPageDto })
  @ApiForbiddenResponse({ description: 'owners' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: PackQueryDto): Promise<PackPageDto> {
    return this.packs.list(user, planId, query);
  }

  @Get('packs/:id')
  @ApiOperation({ summary: 'One pack: state, progress and, once ready, its files' })
  @ApiOkResponse({ type: PackDto })
  @ApiNotFoundResponse({ description: 'not in your organisation, or (scrutiny members) not a published scrutiny pack' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<PackDto> {
    return this.packs.get(user, id);
  }

  @Get('packs/:id/files/:format')
  @ApiOperation({ summary: 'Download one file of a ready pack, as an attachment' })
  @ApiParam({ name: 'format', enum: PACK_FORMATS })
  @ApiProduces(...PACK_FORMATS.map((format) => PACK_FORMAT_INFO[format].mediaType))
  @ApiResponse({ status: 200, description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'as for GET /packs/:id, or a format the pack was not asked to produce' })
  @ApiConflictResponse({ description: 'the pack is not ready yet (or failed)' })
  async file(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('format') format: string, @Res() res: Response): Promise<void> {
    const download = await this.packs.openFile(user, id, format);
    res.status(HttpStatus.OK);
    // setHeader, not res.set: Express would add a charset to the stored Content-Type.
    for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
    // A client that goes away mid-download ends the response; pipeline closes the stored file either way.
    await pipeline(download.body, res).catch(() => undefined);
  }

  @Get('packs/:id/publication-check')
  @Roles('admin', 'board')
  @ApiOperation({ summary: "A scrutiny pack's publication check: every name and contact detail replaced, and every possible name left, by field and action" })
  @ApiOkResponse({ type: PublicationCheckDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members (the check holds the names removed)' })
  @ApiNotFoundResponse({ description: 'not in your organisation' })
  @ApiConflictResponse({ description: 'a board pack (not_a_scrutiny_pack), not ready yet, or built before checks were recorded (publication_check_unavailable)' })
  publicationCheck(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<PublicationCheckDto> {
    return this.packs.publicationCheck(user, id);
  }

  @Post('packs/:id/publish')
  @Roles('admin', 'board')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish a ready scrutiny pack to scrutiny members; a published pack never changes. Suspects left by the publication check must be acknowledged.' })
  @ApiOkResponse({ type: PackDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members' })
  @ApiConflictResponse({
    description: 'a board pack, not ready yet, already published, or suspects left without acknowledgeSuspects: true (publication_suspects_not_acknowledged, details.suspects)',
  })
  publish(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: PublishPackDto): Promise<PackDto> {
    return this.packs.publish(user, id, dto);
  }
}
