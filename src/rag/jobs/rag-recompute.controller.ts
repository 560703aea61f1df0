import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertPlanOpen } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../../common/auth/plan-route';
import type { AuthUser } from '../../common/request-context/request-context';
import { JobAcceptedDto } from '../../queue/jobs/dto/job.dto';
import { RagTriggerService } from '../rag-trigger.service';
import { RecomputeRequestDto } from './dto/recompute-request.dto';

@ApiTags('rag')
@ApiBearerAuth()
@Controller()
export class RagRecomputeController {
  constructor(private readonly jobs: RagTriggerService) {}

  /** Queues a recompute of every action of the plan; answers at once (202) with the job to poll. */
  @Post(PLAN_PATH('rag/recompute'))
  @Roles('admin', 'board')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    type: JobAcceptedDto,
    description: "the job to poll. With asOf, while a recompute of the plan for that date is already waiting or running (another request's, the nightly run's, or the reconciler's catch-up or backfill of the day), that job, and nothing new is queued",
  })
  @ApiConflictResponse({ description: 'plan_closed: a closed plan keeps its colours and snapshots' })
  @ApiOperation({ summary: 'Recompute the RAG of every action of the plan in the background (poll statusUrl)' })
  recompute(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: RecomputeRequestDto): Promise<JobAcceptedDto> {
    // A closed plan's colours and snapshots are frozen with it (and its packs would say their figures changed).
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    return this.jobs.recomputeOrganisation(user.organisationId, dto.asOf, user.id, planId);
  }
}
