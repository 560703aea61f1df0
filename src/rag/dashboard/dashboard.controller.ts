import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { DashboardService } from './dashboard.service';
import { DashboardDto, DashboardQueryDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The improvement board's view at a reporting date (today by default). */
  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: DashboardDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members' })
  @ApiOperation({ summary: "The improvement board's dashboard at a reporting date: colour counts, overdue milestones, evidence awaiting review, trend" })
  get(@CurrentUser() user: AuthUser, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.get(user, query.asOf);
  }
}
