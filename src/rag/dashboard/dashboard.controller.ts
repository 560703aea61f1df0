import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /** The plan's improvement board view at a reporting date (today by default). */
  @Get(PLAN_PATH('dashboard'))
  @Roles('admin', 'board')
  @ApiOkResponse({ type: DashboardDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members' })
  @ApiOperation({ summary: "The improvement board's dashboard at a reporting date: colour counts, overdue milestones, evidence awaiting review, trend" })
  get(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.get(user, planId, query.asOf);
  }
}
