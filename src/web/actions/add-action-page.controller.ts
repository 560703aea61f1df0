import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { ActionsService } from '../../actions/actions.service';
import { CreateActionDto } from '../../actions/dto/create-action.dto';
import { assertPlanOpen } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { FindingQueryDto } from '../../findings/dto/finding.dto';
import { FindingsService } from '../../findings/findings.service';
import { ImportsService } from '../../imports/imports.service';
import { PlansService } from '../../plans/plans.service';
import { WorkstreamQueryDto } from '../../workstreams/dto/workstream.dto';
import { WorkstreamsService } from '../../workstreams/workstreams.service';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, ROW_PAGE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { addPageContext } from './managed-plan-context';
import { addActionPage, checkNewAction, newActionServiceErrors, submittedNewAction, type NewActionChoices, type NewActionValues } from './add-action.view-model';
import { allPages } from '../common/all-pages';

const VIEW = 'actions/add-action';

/**
 * "Add an action" to a plan: the plan's board members and administrators, as `POST
 * /api/v1/plans/:planId/actions` (the same `@Roles` on the plan in the path: owners and scrutiny 403,
 * a plan the user holds no role in 404; a closed plan 409). The body is checked by the API's own
 * DTO, then `ActionsService.create` writes it (references, findings, workstream, owner, audit, RAG).
 */
@WebController()
@Roles('admin', 'board')
export class AddActionPageController {
  constructor(
    private readonly actions: ActionsService,
    private readonly plans: PlansService,
    private readonly findings: FindingsService,
    private readonly workstreams: WorkstreamsService,
    private readonly imports: ImportsService,
  ) {}

  private async choices(user: AuthUser, planId: string): Promise<NewActionChoices> {
    const [findings, workstreams, owners] = await Promise.all([
      allPages(() => new FindingQueryDto(), (q) => this.findings.list(user, planId, q)),
      allPages(() => new WorkstreamQueryDto(), (q) => this.workstreams.list(user, planId, q)),
      // Who may own the plan's actions: its active board members and owners, and the administrators.
      this.imports.ownerCandidates(user, planId),
    ]);
    return { findings, workstreams, owners };
  }

  private async renderForm(res: Response, user: AuthUser, planId: string, status: number, values?: NewActionValues, errors?: FormErrors): Promise<void> {
    const { ctx, choices } = await addPageContext(this.plans, user, planId, () => this.choices(user, planId));
    res.status(status).render(VIEW, addActionPage(ctx, choices, values, errors));
  }

  @Get(PLAN_PAGE.newAction)
  async form(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Res() res: Response): Promise<void> {
    await this.renderForm(res, user, planId, 200);
  }

  @Post(PLAN_PAGE.newAction)
  async add(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    const values = submittedNewAction(body);
    const checked = checkNewAction(values);
    if (!checked.body) return this.renderForm(res, user, planId, 400, values, checked.errors);
    let created: { id: string; reference: string; title: string };
    try {
      created = await this.actions.create(user, planId, await asApiBody(CreateActionDto, checked.body));
    } catch (err) {
      const errors = newActionServiceErrors(err);
      if (!errors) throw err;
      return this.renderForm(res, user, planId, (err as AppException).status, values, errors);
    }
    await redirectWithFlash(req, res, { kind: 'success', title: 'The action has been added', text: `${created.reference}: ${created.title}` }, ROW_PAGE.action(created.id));
  }
}
