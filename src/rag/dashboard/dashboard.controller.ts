import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_READERS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../../common/auth/plan-route';
import type { AuthUser } from '../../common/request-context/request-context';
import { DashboardService } from './dashboard.service';
import { DashboardDto, DashboardQueryDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /**
   * The plan's dashboard at a reporting date (today by default), for the plan's readers (admin,
   * board, action owners), as the web dashboard page; scrutiny members receive published packs.
   */
  @Get(PLAN_PATH('dashboard'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: DashboardDto })
  @ApiForbiddenResponse({ description: 'scrutiny members (they receive published packs, not the working plan)' })
  @ApiOperation({
    summary: "The plan's dashboard at a reporting date: colour counts, overdue milestones, evidence awaiting review (action owners: the total only), trend",
  })
  get(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.get(user, planId, query.asOf);
  }
}
