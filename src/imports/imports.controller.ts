import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import { PageQueryDto } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CommitImportDto, UpdateImportChoicesDto } from './dto/import-choices.dto';
import { ImportRunDetailDto, ImportRunDto, ImportRunPageDto } from './dto/import-run.dto';
import { ImportsService } from './imports.service';

/** Uploading a tracker into a plan, and the plan's imports. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller(PLAN_PATH('imports'))
export class PlanImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Upload an existing tracker (.xlsx or .csv) to import into the plan (board and admin); answers 202 and previews it in a job',
    description:
      'Streamed to storage and kept as the import\'s provenance. The type is judged from the content. Poll statusUrl until the status is ' +
      '"previewed" (then read the preview, change the mapping if needed, and commit) or "failed" (error.code says why: a zip bomb, too many rows, no heading row, ...). Nothing is written to the plan until a commit.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'an .xlsx workbook or a .csv file, up to 20 MB' } } } })
  @ApiAcceptedResponse({ type: ImportRunDto })
  @ApiForbiddenResponse({ description: 'an owner of the plan (only the board and administrators import)' })
  @ApiNotFoundResponse({ description: 'no such plan, or one you hold no role in (also scrutiny members)' })
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than 20 MB (file_too_large); nothing was kept' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not an .xlsx or CSV (unsupported_file_type, legacy_excel_file), or not multipart' })
  upload(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Req() req: Request): Promise<ImportRunDto> {
    return this.imports.upload(user, planId, req);
  }

  @Get()
  @ApiOperation({ summary: "The plan's imports, newest first: who ran each, when, and what it did" })
  @ApiOkResponse({ type: ImportRunPageDto })
  @ApiForbiddenResponse({ description: 'an owner of the plan' })
  @ApiNotFoundResponse({ description: 'no such plan, or one you hold no role in' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: PageQueryDto): Promise<ImportRunPageDto> {
    return this.imports.list(user, planId, query);
  }
}

/** One import: its preview, the user's choices, the commit and the original file. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'An import with its preview (or result): counts, rows, every problem with sheet, row and column' })
  @ApiOkResponse({ type: ImportRunDetailDto })
  @ApiForbiddenResponse({ description: 'an owner of the plan' })
  @ApiNotFoundResponse({ description: "no such import in your organisation, or a plan you hold no role in" })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<ImportRunDetailDto> {
    return this.imports.get(user, id);
  }

  @Put(':id/mapping')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Change the mapping (columns, status words, owner matches, suggested dates): answers 202 and previews again in a job' })
  @ApiAcceptedResponse({ type: ImportRunDto })
  @ApiConflictResponse({ description: 'the import is being previewed or committed, or was committed (import_not_ready, import_already_committed)' })
  updateMapping(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateImportChoicesDto): Promise<ImportRunDto> {
    return this.imports.updateChoices(user, id, dto);
  }

  @Post(':id/commit')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Write what the preview shows, in one transaction with one audit event per row: answers 202; RAG is recomputed after',
    description: 'Conflicts (rows changed in the system since the last import) are left as the system has them unless resolutions says otherwise.',
  })
  @ApiAcceptedResponse({ type: ImportRunDto })
  @ApiConflictResponse({ description: 'no preview yet, or already committed (import_not_ready, import_already_committed), or an owner that matches no user is neither mapped nor left unassigned (import_owners_not_decided)' })
  commit(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: CommitImportDto): Promise<ImportRunDto> {
    return this.imports.commit(user, id, dto);
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'Download the original file, as uploaded (board and admin)' })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'as for GET /imports/:id' })
  async file(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const download = await this.imports.file(user, id);
    res.status(200);
    for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
    await pipeline(download.body, res).catch(() => undefined);
  }
}
