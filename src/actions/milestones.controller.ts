import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CurrentUser } from '../common/auth/auth.decorators';
import { PageQueryDto } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateMilestoneDto, MilestoneDto, MilestonePageDto, UpdateMilestoneDto } from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller('actions/:id/milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @ApiOperation({ summary: "An action's milestones, in plan order" })
  @ApiOkResponse({ type: MilestonePageDto })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Query() query: PageQueryDto): Promise<MilestonePageDto> {
    return this.milestones.list(user, actionId, query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add a milestone (admin, board)' })
  @ApiCreatedResponse({ type: MilestoneDto })
  @ApiForbiddenResponse({ description: 'only admin and board members can add milestones' })
  create(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Body() dto: CreateMilestoneDto): Promise<MilestoneDto> {
    return this.milestones.create(user, actionId, dto);
  }

  @Patch(':milestoneId')
  @ApiOperation({ summary: "Change a milestone (admin, board: any field; the action's owner: completedOn only)" })
  @ApiOkResponse({ type: MilestoneDto })
  @ApiConflictResponse({ description: 'stale version (details.currentVersion)' })
  @ApiForbiddenResponse({ description: "an owner changing another owner's milestone, or a field other than completedOn" })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) actionId: string,
    @Param('milestoneId', UuidParam) milestoneId: string,
    @Body() dto: UpdateMilestoneDto,
  ): Promise<MilestoneDto> {
    return this.milestones.update(user, actionId, milestoneId, dto);
  }

  @Delete(':milestoneId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a milestone with no evidence attached (admin, board)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'evidence is attached to it' })
  @ApiForbiddenResponse({ description: 'only admin and board members can delete milestones' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) actionId: string, @Param('milestoneId', UuidParam) milestoneId: string): Promise<void> {
    await this.milestones.remove(user, actionId, milestoneId);
  }
}
