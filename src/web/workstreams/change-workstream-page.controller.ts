import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { PlansService } from '../../plans/plans.service';
import { UpdateWorkstreamDto, WorkstreamQueryDto, type WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import { WorkstreamsService } from '../../workstreams/workstreams.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { managedPlanContext } from '../actions/managed-plan-context';
import { allPages } from '../common/all-pages';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { formVersion, isStaleVersion, type FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { planPaths, WORKSTREAM_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { newWorkstreamServiceErrors, submittedNewWorkstream, type NewWorkstreamValues } from './add-workstream.view-model';
import { changeWorkstreamPage, checkWorkstreamChange, STALE_WORKSTREAM_ERROR } from './change-workstream.view-model';

const VIEW = 'workstreams/change-workstream';

interface Loaded {
  ctx: PlanContext;
  workstream: WorkstreamDto;
  others: WorkstreamDto[];
}

/**
 * "Change the workstream": its code, title, description, lead's role and position, as `PATCH
 * /api/v1/workstreams/:id` with its version check (a form gone stale answers 409 with what the
 * workstream says now); a code another workstream of the plan uses is refused on its field. The same
 * rules as the notice pages: owners and scrutiny 403 (the `@Roles` of the API); a workstream the
 * user may not read 404; an owner of its plan on another plan's board 403; a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class ChangeWorkstreamPageController {
  constructor(
    private readonly workstreams: WorkstreamsService,
    private readonly plans: PlansService,
  ) {}

  private async load(user: AuthUser, workstreamId: string): Promise<Loaded> {
    const { planId, workstream } = await this.workstreams.getInPlan(user, workstreamId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    const others = await allPages(() => new WorkstreamQueryDto(), (q) => this.workstreams.list(user, planId, q));
    return { ctx, workstream, others };
  }

  private render(res: Response, status: number, { ctx, workstream, others }: Loaded, values?: NewWorkstreamValues, errors?: FormErrors): void {
    res.status(status).render(VIEW, changeWorkstreamPage(ctx, workstream, others, values, errors));
  }

  @Get(WORKSTREAM_ROUTE.edit)
  async form(@CurrentUser() user: AuthUser, @Param('workstreamId', UuidParam) workstreamId: string, @Res() res: Response): Promise<void> {
    this.render(res, 200, await this.load(user, workstreamId));
  }

  @Post(WORKSTREAM_ROUTE.edit)
  async change(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('workstreamId', UuidParam) workstreamId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.load(user, workstreamId);
    const values = submittedNewWorkstream(body);
    const version = formVersion(body);
    // Someone saved since the form was made: the form shows what the workstream says now.
    if (version !== loaded.workstream.version) return this.render(res, 409, loaded, values, [STALE_WORKSTREAM_ERROR]);
    const checked = checkWorkstreamChange(values);
    if (!checked.body) return this.render(res, 400, loaded, values, checked.errors);
    let changed: WorkstreamDto;
    try {
      changed = await this.workstreams.update(user, workstreamId, await asApiBody(UpdateWorkstreamDto, { ...checked.body, version }));
    } catch (err) {
      if (isStaleVersion(err)) return this.render(res, 409, await this.load(user, workstreamId), values, [STALE_WORKSTREAM_ERROR]);
      const errors = newWorkstreamServiceErrors(err);
      if (!errors) throw err;
      return this.render(res, (err as AppException).status, loaded, values, errors);
    }
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The workstream has been changed', text: `${changed.code}: ${changed.title}`, link: { text: 'Go to the workstream on this page', href: `#workstream-${changed.id}` } },
      planPaths(loaded.ctx.plan.id).plan,
    );
  }
}
