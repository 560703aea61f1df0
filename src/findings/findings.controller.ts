import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateFindingDto, FindingDto, FindingPageDto, FindingQueryDto, UpdateFindingDto } from './dto/finding.dto';
import { FindingsService } from './findings.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('findings')
@ApiBearerAuth()
@Controller()
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get(PLAN_PATH('findings'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: FindingPageDto })
  @ApiOperation({ summary: 'Findings (what the regulator said must improve), filtered and paginated' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: FindingQueryDto): Promise<FindingPageDto> {
    return this.findings.list(user, planId, query);
  }

  @Get('findings/:id')
  @ApiOkResponse({ type: FindingDto })
  @ApiOperation({ summary: 'One finding with its inspection, notice and theme' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<FindingDto> {
    return this.findings.get(user, id);
  }

  @Post(PLAN_PATH('findings'))
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: FindingDto })
  @ApiConflictResponse({ description: 'the reference is already used within the inspection' })
  @ApiOperation({ summary: 'Record a finding of an inspection, with its reference in the report' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateFindingDto): Promise<FindingDto> {
    return this.findings.create(user, planId, dto);
  }

  @Patch('findings/:id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: FindingDto })
  @ApiConflictResponse({ description: 'stale version (details.currentVersion) or reference taken' })
  @ApiOperation({ summary: 'Change a finding (send the version you read)' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateFindingDto): Promise<FindingDto> {
    return this.findings.update(user, id, dto);
  }

  @Delete('findings/:id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'actions answer the finding (named in the message and details.dependents)' })
  @ApiOperation({ summary: 'Delete a finding that no action answers' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.findings.remove(user, id);
  }
}
