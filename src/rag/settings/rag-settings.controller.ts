import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_READERS, RAG_POLICY_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../../common/auth/plan-route';
import type { AuthUser } from '../../common/request-context/request-context';
import { RagPolicyChangeDto, RagPolicyDto, UpdateRagPolicyDto } from './dto/rag-policy.dto';
import { RagSettingsService } from './rag-settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller()
export class RagSettingsController {
  constructor(private readonly settings: RagSettingsService) {}

  /**
   * The plan's current RAG policy (version 1, the defaults, until an administrator changes it).
   * Each plan has its own policy.
   */
  @Get(PLAN_PATH('settings/rag'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: RagPolicyDto })
  @ApiOperation({ summary: "The plan's current RAG policy and its version (readers of the plan)" })
  get(@CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<RagPolicyDto> {
    return this.settings.get(user, planId);
  }

  /**
   * Changes the plan's RAG policy: a new version, audited, then every action of the plan
   * recomputed with it (the job is in `recompute`). Settings left out keep their current values.
   * Administrators only: the board reads the policy its work is coloured by but does not set it.
   */
  @Put(PLAN_PATH('settings/rag'))
  @Roles(...RAG_POLICY_EDITORS)
  @ApiBody({ type: UpdateRagPolicyDto })
  @ApiOkResponse({ type: RagPolicyChangeDto })
  @ApiBadRequestResponse({ description: 'a setting is missing, unknown or out of range; `details` names each field' })
  @ApiConflictResponse({ description: '`version` is not the current version' })
  // The body is checked by the policy's own validator (validateRagPolicySettings), which also
  // names unknown settings, so it is taken as it came rather than through a class.
  @ApiOperation({ summary: "Change the plan's RAG policy (administrators only): a new version, then every action of the plan is recomputed" })
  update(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<RagPolicyChangeDto> {
    return this.settings.update(user, planId, body);
  }
}
