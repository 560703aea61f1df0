import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { ActionsService } from './actions.service';
import { ActionDto, ActionPageDto } from './dto/action.dto';
import { ActionQueryDto } from './dto/action-query.dto';
import { CreateActionDto } from './dto/create-action.dto';
import { UpdateActionDto } from './dto/update-action.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('actions')
@ApiBearerAuth()
@Controller()
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Get(PLAN_PATH('actions'))
  @Roles('admin', 'board', 'owner')
  @ApiOperation({ summary: 'The plan: actions of your organisation, filtered and paginated (scrutiny members receive packs instead)' })
  @ApiOkResponse({ type: ActionPageDto })
  // An ActionPageDto, as JSON text made by PostgreSQL and sent as it is (ActionsService.listJson).
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: ActionQueryDto): Promise<string> {
    return this.actions.listJson(user, planId, query);
  }

  @Get('actions/:id')
  @ApiOperation({ summary: 'One action with its findings, owner, milestones, latest update, evidence counts and stored RAG' })
  @ApiOkResponse({ type: ActionDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<ActionDto> {
    return this.actions.get(user, id);
  }

  @Post(PLAN_PATH('actions'))
  @Idempotent()
  @Roles('admin', 'board')
  @ApiOperation({ summary: 'Create an action with its finding links and initial milestones, in one transaction' })
  @ApiCreatedResponse({ type: ActionDto })
  @ApiConflictResponse({ description: 'the reference is already used in your organisation' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateActionDto): Promise<ActionDto> {
    return this.actions.create(user, planId, dto);
  }

  @Patch('actions/:id')
  @ApiOperation({ summary: "Change an action (admin, board: any field; the action's owner: status and progressPercent only)" })
  @ApiOkResponse({ type: ActionDto })
  @ApiConflictResponse({ description: 'stale version (details.currentVersion) or reference already used' })
  @ApiForbiddenResponse({ description: "an owner changing another owner's action, or a field other than status and progressPercent" })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateActionDto): Promise<ActionDto> {
    return this.actions.update(user, id, dto);
  }

  @Delete('actions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an action that has no milestones, progress updates or evidence (admin, board)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'something depends on it (details.dependents says what)' })
  @ApiForbiddenResponse({ description: 'only admin and board members can delete actions' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.actions.remove(user, id);
  }
}
