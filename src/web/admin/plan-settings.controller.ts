import { Body, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { planRoleOf, RAG_POLICY_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser, Role } from '../../common/request-context/request-context';
import { PlansService } from '../../plans/plans.service';
import { RagSettingsService } from '../../rag/settings/rag-settings.service';
import { UsersService } from '../../users/users.service';
import { WebController } from '../common/auth/web.decorators';
import { formValue, formVersion, type FieldError } from '../common/forms/form-errors';
import { govukDateTime } from '../common/nunjucks/filters';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import {
  checkRagForm,
  closePlanPage,
  planDetailsFormErrors,
  planSettingsPage,
  planSettingsPaths,
  PLAN_SETTINGS_ROUTE,
  policyHistory,
  RAG_SERVICE_FIELDS,
  ticked,
  type ClosePlanViewModel,
  type PlanDetailsForm,
  type RagForm,
} from './plan-settings.view-model';
import { serviceFieldErrors } from './service-errors';

const SETTINGS_VIEW = 'admin/plan-settings';

/**
 * A plan's settings: its RAG policy (a new version on each change, then every action recomputed),
 * the policy's history, the plan's details, and closing the plan. Administrators and the plan's
 * board members; the services check the same rules as the API (only administrators change the RAG
 * policy and close a plan; the board reads the policy and changes the plan's details).
 */
@WebController()
@Roles('admin', 'board')
export class PlanSettingsController {
  constructor(
    private readonly plans: PlansService,
    private readonly settings: RagSettingsService,
    private readonly users: UsersService,
  ) {}

  @Get(PLAN_PAGE.settings)
  async page(@Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<void> {
    await this.render(res, user, planId, 200);
  }

  @Post(PLAN_SETTINGS_ROUTE.rag)
  @Roles(...RAG_POLICY_EDITORS)
  async changeRag(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    const form: RagForm = {
      redAfterDays: formValue(body, 'redAfterDays'),
      staleAfterDays: formValue(body, 'staleAfterDays'),
      progressAmberPoints: formValue(body, 'progressAmberPoints'),
      progressRedPoints: formValue(body, 'progressRedPoints'),
      rules: ticked((body as Record<string, unknown> | undefined)?.rules),
    };
    const checked = checkRagForm(form);
    if (!checked.ok) return this.render(res, user, planId, 400, { errors: checked.errors, ragForm: form });
    try {
      const outcome = await this.settings.update(user, planId, { ...checked.settings, version: formVersion(body) });
      const flash = outcome.changed
        ? { kind: 'success' as const, title: `The RAG policy has been saved as version ${outcome.version}`, text: 'Every action of the plan is being recomputed with it; the dashboard shows the new colours in a minute or two.' }
        : { kind: 'information' as const, title: 'Nothing changed', text: 'These were already the plan’s settings.' };
      await redirectWithFlash(req, res, flash, planSettingsPaths(planId).settings);
    } catch (err) {
      const errors = serviceFieldErrors(err, RAG_SERVICE_FIELDS);
      if (errors) return this.render(res, user, planId, 400, { errors, ragForm: form });
      throw err;
    }
  }

  @Post(PLAN_SETTINGS_ROUTE.details)
  async changeDetails(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    const details: PlanDetailsForm = { title: formValue(body, 'title'), programmeLead: formValue(body, 'programmeLead') };
    const errors = planDetailsFormErrors(details);
    if (errors.length > 0) return this.render(res, user, planId, 400, { errors, details });
    await this.plans.update(user, planId, { title: details.title.trim(), programmeLead: details.programmeLead.trim() || null, version: formVersion(body) });
    await redirectWithFlash(req, res, { kind: 'success', title: 'The plan’s details have been saved' }, planSettingsPaths(planId).settings);
  }

  @Get(PLAN_SETTINGS_ROUTE.close)
  @Roles('admin')
  async closeForm(@Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<void> {
    const plan = await this.plans.get(user, planId);
    if (plan.status === 'closed') return res.redirect(303, planSettingsPaths(planId).settings);
    const model: ClosePlanViewModel = closePlanPage(plan, roleIn(user, planId));
    res.render('admin/close-plan', model);
  }

  /** Closing freezes the plan: it can be read (and its packs downloaded) but not changed. */
  @Post(PLAN_SETTINGS_ROUTE.close)
  @Roles('admin')
  async close(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<void> {
    const plan = await this.plans.close(user, planId);
    await redirectWithFlash(req, res, { kind: 'success', title: `${plan.title} has been closed`, text: 'It can be read, and its packs downloaded, but no longer changed.' }, planSettingsPaths(planId).settings);
  }

  private async render(res: Response, user: AuthUser, planId: string, status: number, extra: { errors?: FieldError[]; ragForm?: RagForm; details?: PlanDetailsForm } = {}): Promise<void> {
    const [plan, policy, versions] = await Promise.all([this.plans.get(user, planId), this.settings.get(user, planId), this.settings.versions(user, planId)]);
    const names = new Map<string, string>();
    for (const id of new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))) {
      try {
        names.set(id, (await this.users.get(user, id)).name);
      } catch (err) {
        if (!(err instanceof AppException && err.status === HttpStatus.NOT_FOUND)) throw err;
      }
    }
    res.status(status).render(SETTINGS_VIEW, planSettingsPage({ plan, role: roleIn(user, planId), policy, history: policyHistory(versions, names, govukDateTime), ...extra }));
  }
}

function roleIn(user: AuthUser, planId: string): Role {
  // The roles guard has let the user in: they hold a role in this plan.
  return planRoleOf(user, { organisationId: user.organisationId, planId }) as Role;
}

