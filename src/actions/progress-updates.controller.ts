import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExcludeEndpoint, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { PageQueryDto } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreatedProgressUpdateDto, CreateProgressUpdateDto, ProgressUpdatePageDto } from './dto/progress-update.dto';
import { ProgressUpdatesService } from './progress-updates.service';
import { ActionsErrorCode } from './actions.exception';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('progress updates')
@ApiBearerAuth()
@Controller('actions/:id/updates')
export class ProgressUpdatesController {
  constructor(private readonly updates: ProgressUpdatesService) {}

  @Get()
  @ApiOperation({ summary: "An action's progress updates, newest first" })
  @ApiOkResponse({ type: ProgressUpdatePageDto })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Query() query: PageQueryDto): Promise<ProgressUpdatePageDto> {
    return this.updates.list(user, actionId, query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: "Add a progress update (admin, board, or the action's owner); status and progressPercent also update the action" })
  @ApiCreatedResponse({ type: CreatedProgressUpdateDto })
  @ApiForbiddenResponse({ description: "an owner updating someone else's action" })
  create(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Body() dto: CreateProgressUpdateDto): Promise<CreatedProgressUpdateDto> {
    return this.updates.create(user, actionId, dto);
  }

  // Said out loud rather than left as an unknown route: the narrative history is append-only.
  @Patch(':updateId')
  @ApiExcludeEndpoint()
  edit(): never {
    throw appendOnly();
  }

  @Delete(':updateId')
  @ApiExcludeEndpoint()
  remove(): never {
    throw appendOnly();
  }
}

function appendOnly(): AppException {
  return new AppException(HttpStatus.METHOD_NOT_ALLOWED, ActionsErrorCode.AppendOnly, 'Progress updates are never edited or deleted: add a new update instead');
}
