import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_READERS } from '../common/auth/access-policy';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { MarkNotApplicableDto, RegulatorDeadlineDto, RegulatorDeadlineListDto } from './dto/regulator-deadline.dto';
import { RegulatorDeadlinesService } from './regulator-deadlines.service';

@ApiTags('regulator deadlines')
@ApiBearerAuth()
@Controller()
export class RegulatorDeadlinesController {
  constructor(private readonly deadlines: RegulatorDeadlinesService) {}

  @Get(PLAN_PATH('regulator-deadlines'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: RegulatorDeadlineListDto })
  @ApiOperation({
    summary: 'The deadlines the regulators’ published rules set after the plan’s inspections and notices, each a milestone citing its rule',
  })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<RegulatorDeadlineListDto> {
    return this.deadlines.list(user, planId);
  }

  @Get('regulator-deadlines/:id')
  @ApiOkResponse({ type: RegulatorDeadlineDto })
  @ApiOperation({ summary: 'One regulator deadline: its milestone, the rule and its sources, and whether it was marked not applicable' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<RegulatorDeadlineDto> {
    return this.deadlines.get(user, id);
  }

  @Post('regulator-deadlines/:id/not-applicable')
  @HttpCode(200)
  @ApiOkResponse({ type: RegulatorDeadlineDto })
  @ApiBadRequestResponse({ description: 'reason missing or too short (the error names the field)' })
  @ApiForbiddenResponse({ description: 'only admin and board members of the plan can mark a deadline not applicable' })
  @ApiNotFoundResponse({ description: 'no such deadline in a plan you read' })
  @ApiOperation({
    summary: 'Mark a regulator deadline not applicable, with the reason (board; audited): from today its milestone no longer drives the colour',
  })
  markNotApplicable(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: MarkNotApplicableDto): Promise<RegulatorDeadlineDto> {
    return this.deadlines.markNotApplicable(user, id, dto);
  }
}
