import { Body, Get, Headers, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import type { ActionDto } from '../../actions/dto/action.dto';
import type { UpdateActionDto } from '../../actions/dto/update-action.dto';
import { ActionsRepository } from '../../actions/actions.repository';
import { ActionsService } from '../../actions/actions.service';
import { MilestonesService } from '../../actions/milestones.service';
import { ProgressUpdatesService } from '../../actions/progress-updates.service';
import { CurrentUser } from '../../common/auth/auth.decorators';
import {
  ActionScope,
  assertCanContribute,
  assertCanOverrideRag,
  assertPlanManager,
  assertPlanOpen,
  canContribute,
  canReadEvidenceOf,
  isPlanClosed,
  isPlanManager,
  planRoleOf,
  requireVisibleAction,
} from '../../common/auth/access-policy';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { londonToday } from '../../common/dates/calendar-date';
import { AppException, type FieldProblem } from '../../common/errors/app.exception';
import { CommonErrorCode } from '../../common/errors/error-code';
import { PageQueryDto } from '../../common/pagination/page.dto';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { CreateMilestoneDto, UpdateMilestoneDto } from '../../actions/dto/milestone.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { sendEvidenceContent } from '../../evidence/download/send-evidence-content';
import { EvidenceQueryDto } from '../../evidence/dto/evidence-query.dto';
import { EvidenceUploadService } from '../../evidence/evidence-upload.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { PlansService } from '../../plans/plans.service';
import { RagHistoryQueryDto } from '../../rag/history/dto/rag-history.dto';
import { RagHistoryService } from '../../rag/history/rag-history.service';
import { RagOverrideService } from '../../rag/overrides/rag-override.service';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { FieldError, formValue, formVersion, isStaleVersion } from '../common/forms/form-errors';
import { addFlash, FlashMessage, redirectWithFlash } from '../common/session/flash';
import { ACTION_ROUTE, ROW_PAGE, ROW_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import {
  addMilestonePage,
  addUpdatePage,
  changeMilestonePage,
  changesSinceLoaded,
  checkCompletion,
  checkDetails,
  checkMilestone,
  checkNarrative,
  checkOverride,
  completeMilestonePage,
  dateParts,
  detailsOf,
  detailsServiceError,
  editActionPage,
  loadedDetails,
  milestoneServiceError,
  overridePage,
  overrideServiceError,
  PlanContext,
  submittedDetails,
  submittedMilestone,
  uploadEvidencePage,
  uploadServiceErrors,
} from './action-forms.view-model';
import { actionPage, ActionCapabilities } from './action-page.view-model';

const VIEWS = {
  page: 'actions/action',
  edit: 'actions/edit',
  milestone: 'actions/complete-milestone',
  addMilestone: 'actions/add-milestone',
  update: 'actions/add-update',
  upload: 'actions/upload-evidence',
  override: 'actions/override',
} as const;

/** Everything a page of the action needs: the action as the API shows it, its plan, and what the user may do. */
interface Loaded extends PlanContext {
  scope: ActionScope;
  action: ActionDto;
  can: ActionCapabilities;
}

function listQuery<T extends PageQueryDto>(query: T, pageSize = 200): T {
  query.page = 1;
  query.pageSize = pageSize;
  return query;
}

/** The field problems an AppException carries (validation failures name their fields). */
function problemsOf(err: AppException): FieldProblem[] {
  return Array.isArray(err.details) ? (err.details as FieldProblem[]).filter((p) => typeof p?.field === 'string') : [];
}

/** A refusal of a milestone form's body (DTO or milestones service) on the form's fields; null when one is not a field of the form. */
function milestoneFieldErrors(err: unknown, actionDue: string): FieldError[] | null {
  if (!isFieldProblem(err)) return null;
  const errors = problemsOf(err).map((p) => milestoneServiceError(p.field, p.messages.join(', '), actionDue));
  return errors.every((e): e is FieldError => e !== null) ? errors : null;
}
const isFieldProblem = (err: unknown): err is AppException => err instanceof AppException && err.code === CommonErrorCode.ValidationFailed && problemsOf(err).length > 0;

/**
 * The action page and its forms: status and details, milestones, progress updates, evidence and the
 * colour override. Every read and write goes through the same services as `/api/v1/actions/:id/...`,
 * with the same access rules (common/auth/access-policy.ts); refusals are the error pages (404, 403,
 * 409 for a closed plan).
 */
@WebController()
export class ActionPageController {
  constructor(
    private readonly actions: ActionsService,
    private readonly actionRows: ActionsRepository,
    private readonly milestones: MilestonesService,
    private readonly updates: ProgressUpdatesService,
    private readonly evidence: EvidenceService,
    private readonly uploads: EvidenceUploadService,
    private readonly overrides: RagOverrideService,
    private readonly history: RagHistoryService,
    private readonly plans: PlansService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async load(user: AuthUser, actionId: string): Promise<Loaded> {
    const scope = requireVisibleAction(user, actionId, await this.actionRows.findAccessScope(user.organisationId, actionId));
    const [action, plan] = await Promise.all([this.actions.get(user, actionId), this.plans.get(user, scope.planId)]);
    const role = planRoleOf(user, scope);
    if (!role) throw AppException.notFound('Action', actionId);
    return {
      scope,
      action,
      plan: { id: plan.id, title: plan.title },
      role,
      can: { closed: isPlanClosed(user, scope), contribute: canContribute(user, scope), manage: isPlanManager(user, scope) },
    };
  }

  private today(): string {
    return londonToday(this.clock.now());
  }

  private flashAndBack(req: WebRequest, res: Response, actionId: string, message: FlashMessage): Promise<void> {
    return redirectWithFlash(req, res, message, ROW_PAGE.action(actionId));
  }

  // ---- The page -----------------------------------------------------------------------------------

  @Get(ROW_ROUTE.action)
  async page(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.load(user, actionId);
    const { scope } = loaded;
    const [updates, evidence, history] = await Promise.all([
      this.updates.list(user, actionId, listQuery(new PageQueryDto(), 100)),
      canReadEvidenceOf(user, scope) ? this.evidence.listForAction(user, actionId, listQuery(new EvidenceQueryDto())) : null,
      canContribute(user, scope) ? this.history.list(user, actionId, listQuery(new RagHistoryQueryDto(), 60)) : null,
    ]);
    res.render(
      VIEWS.page,
      actionPage({
        ...loaded,
        userId: user.id,
        updates: updates.items,
        evidence: evidence?.items ?? null,
        history: history?.items ?? null,
      }),
    );
  }

  // ---- Status and details ---------------------------------------------------------------------------

  private async loadForContribution(user: AuthUser, actionId: string): Promise<Loaded> {
    const loaded = await this.load(user, actionId);
    assertCanContribute(user, loaded.scope);
    return loaded;
  }

  @Get(ACTION_ROUTE.edit)
  async editForm(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    res.render(VIEWS.edit, editActionPage(loaded, loaded.action, loaded.can.manage));
  }

  @Post(ACTION_ROUTE.edit)
  async edit(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    const manage = loaded.can.manage;
    const values = submittedDetails(body, manage);
    const dueParts = manage ? dateParts(body, 'dueDate') : undefined;
    const { errors, change } = checkDetails(values, dueParts);
    if (!change) return res.status(400).render(VIEWS.edit, editActionPage(loaded, loaded.action, manage, { values, dueParts, errors }));
    const version = formVersion(body);
    try {
      await this.actions.update(user, actionId, { ...change, version } as UpdateActionDto);
    } catch (err) {
      if (isStaleVersion(err)) {
        const fresh = await this.actions.get(user, actionId);
        const changes = changesSinceLoaded(loadedDetails(body, manage), detailsOf(fresh, manage));
        const staleError: FieldError = { field: 'changes', text: 'Someone else changed this action after you opened the form: check what changed, then send the form again' };
        return res.status(409).render(VIEWS.edit, editActionPage(loaded, fresh, manage, { values, dueParts, errors: [staleError], changes }));
      }
      if (isFieldProblem(err)) {
        const fieldErrors = problemsOf(err).map((p) => detailsServiceError(p.field, p.messages.join(', ')));
        if (fieldErrors.every((e): e is FieldError => e !== null)) {
          return res.status(400).render(VIEWS.edit, editActionPage(loaded, loaded.action, manage, { values, dueParts, errors: fieldErrors }));
        }
      }
      throw err;
    }
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'The action has been updated' });
  }

  // ---- Milestones -----------------------------------------------------------------------------------

  /** Adding a milestone is re-planning: the plan's managers only, as `POST /api/v1/actions/:id/milestones` (MilestonesService.create). */
  private async loadForPlanning(user: AuthUser, actionId: string): Promise<Loaded> {
    const loaded = await this.load(user, actionId);
    assertPlanManager(user, loaded.scope, 'add milestones');
    return loaded;
  }

  @Get(ACTION_ROUTE.addMilestone)
  async addMilestoneForm(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.loadForPlanning(user, actionId);
    res.render(VIEWS.addMilestone, addMilestonePage(loaded, loaded.action));
  }

  @Post(ACTION_ROUTE.addMilestone)
  async addMilestone(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.loadForPlanning(user, actionId);
    const values = submittedMilestone(body);
    const { errors, body: checked } = checkMilestone(values);
    if (!checked) return res.status(400).render(VIEWS.addMilestone, addMilestonePage(loaded, loaded.action, values, errors));
    let title: string;
    try {
      title = (await this.milestones.create(user, actionId, await asApiBody(CreateMilestoneDto, checked))).title;
    } catch (err) {
      const fieldErrors = milestoneFieldErrors(err, loaded.action.dueDate);
      if (fieldErrors) return res.status(400).render(VIEWS.addMilestone, addMilestonePage(loaded, loaded.action, values, fieldErrors));
      throw err;
    }
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'The milestone has been added', text: title });
  }

  private milestoneOf(loaded: Loaded, milestoneId: string) {
    const milestone = loaded.action.milestones.find((m) => m.id === milestoneId);
    if (!milestone) throw AppException.notFound('Milestone', milestoneId);
    return milestone;
  }

  @Get(ACTION_ROUTE.changeMilestone)
  async changeMilestoneForm(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('milestoneId', UuidParam) milestoneId: string,
    @Res() res: Response,
  ): Promise<void> {
    const loaded = await this.loadForPlanning(user, actionId);
    res.render(VIEWS.addMilestone, changeMilestonePage(loaded, loaded.action, this.openMilestoneOf(loaded, milestoneId)));
  }

  /**
   * Re-planning an open milestone (title, due date, leave to fall after the action's due date), as
   * `PATCH /api/v1/actions/:id/milestones/:milestoneId` does for the plan's managers, with its version
   * check: a form gone stale comes back with what the milestone says now. A completed one is not
   * re-planned here (404).
   */
  @Post(ACTION_ROUTE.changeMilestone)
  async changeMilestone(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('milestoneId', UuidParam) milestoneId: string,
    @Body() body: unknown,
  ): Promise<void> {
    const loaded = await this.loadForPlanning(user, actionId);
    const milestone = this.openMilestoneOf(loaded, milestoneId);
    const values = submittedMilestone(body);
    const { errors, body: checked } = checkMilestone(values);
    if (!checked) return res.status(400).render(VIEWS.addMilestone, changeMilestonePage(loaded, loaded.action, milestone, values, errors));
    try {
      await this.milestones.update(user, actionId, milestoneId, await asApiBody(UpdateMilestoneDto, { ...checked, version: formVersion(body) }));
    } catch (err) {
      if (isStaleVersion(err)) {
        const fresh = await this.load(user, actionId);
        const staleError: FieldError = { field: 'title', text: 'Someone else changed this milestone after you opened the form: check what it says now, then make your change again' };
        return res.status(409).render(VIEWS.addMilestone, changeMilestonePage(fresh, fresh.action, this.openMilestoneOf(fresh, milestoneId), undefined, [staleError]));
      }
      const fieldErrors = milestoneFieldErrors(err, loaded.action.dueDate);
      if (fieldErrors) return res.status(400).render(VIEWS.addMilestone, changeMilestonePage(loaded, loaded.action, milestone, values, fieldErrors));
      throw err;
    }
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'The milestone has been changed', text: checked.title });
  }

  private openMilestoneOf(loaded: Loaded, milestoneId: string) {
    const milestone = this.milestoneOf(loaded, milestoneId);
    if (milestone.completedOn) throw AppException.notFound('Milestone', milestoneId);
    return milestone;
  }

  @Get(ACTION_ROUTE.completeMilestone)
  async completeMilestoneForm(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('milestoneId', UuidParam) milestoneId: string,
    @Res() res: Response,
  ): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    res.render(VIEWS.milestone, completeMilestonePage(loaded, loaded.action, this.milestoneOf(loaded, milestoneId), this.today()));
  }

  @Post(ACTION_ROUTE.completeMilestone)
  async completeMilestone(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('milestoneId', UuidParam) milestoneId: string,
    @Body() body: unknown,
  ): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    const milestone = this.milestoneOf(loaded, milestoneId);
    const parts = dateParts(body, 'completedOn');
    const today = this.today();
    const { errors, completedOn } = checkCompletion(parts, today);
    if (!completedOn) return res.status(400).render(VIEWS.milestone, completeMilestonePage(loaded, loaded.action, milestone, today, parts, errors));
    try {
      await this.milestones.update(user, actionId, milestoneId, { completedOn, version: formVersion(body) });
    } catch (err) {
      if (isStaleVersion(err)) {
        const fresh = await this.load(user, actionId);
        const staleError: FieldError = { field: 'completedOn', text: 'Someone else changed this milestone after you opened the form: check it, then send the form again', href: '#completedOn-day' };
        return res.status(409).render(VIEWS.milestone, completeMilestonePage(fresh, fresh.action, this.milestoneOf(fresh, milestoneId), today, parts, [staleError]));
      }
      if (isFieldProblem(err) && problemsOf(err).every((p) => p.field === 'completedOn')) {
        const fieldError: FieldError = { field: 'completedOn', text: `The date it was completed ${problemsOf(err)[0].messages.join(', ')}`, href: '#completedOn-day' };
        return res.status(400).render(VIEWS.milestone, completeMilestonePage(loaded, loaded.action, milestone, today, parts, [fieldError]));
      }
      throw err;
    }
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'Milestone completed', text: milestone.title });
  }

  // ---- Progress updates -----------------------------------------------------------------------------

  @Get(ACTION_ROUTE.addUpdate)
  async addUpdateForm(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    res.render(VIEWS.update, addUpdatePage(loaded, loaded.action));
  }

  @Post(ACTION_ROUTE.addUpdate)
  async addUpdate(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    const narrative = formValue(body, 'narrative');
    const errors = checkNarrative(narrative);
    if (errors.length) return res.status(400).render(VIEWS.update, addUpdatePage(loaded, loaded.action, narrative, errors));
    await this.updates.create(user, actionId, { narrative: narrative.trim() });
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'Your progress update has been added' });
  }

  // ---- Evidence -------------------------------------------------------------------------------------

  private uploadPage(loaded: Loaded, res: Response, errors: FieldError[] = []) {
    const token = (res.locals.csrfToken as () => string)();
    return uploadEvidencePage(loaded, loaded.action, token, this.config.EVIDENCE_MAX_BYTES, undefined, errors);
  }

  @Get(ACTION_ROUTE.uploadEvidence)
  async uploadForm(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.loadForContribution(user, actionId);
    res.render(VIEWS.upload, this.uploadPage(loaded, res));
  }

  /**
   * The evidence service reads the multipart body itself, streaming the file to storage (the same
   * limits, sniffing and scanning as the API). A plain form post is answered with a redirect; the
   * page's script (evidence-upload.js, which shows the progress) asks for JSON instead.
   */
  @Post(ACTION_ROUTE.uploadEvidence)
  async upload(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string): Promise<void> {
    const wantsJson = (req.get('accept') ?? '').includes('application/json');
    let title: string;
    try {
      title = (await this.uploads.upload(user, actionId, req)).title;
    } catch (err) {
      const fieldErrors = err instanceof AppException ? uploadServiceErrors(err.status, String(err.code), err.details, `${Math.round(this.config.EVIDENCE_MAX_BYTES / (1024 * 1024))} MB`) : null;
      if (!fieldErrors) throw err;
      const status = (err as AppException).status;
      if (wantsJson) return void res.status(status).json({ errors: fieldErrors });
      const loaded = await this.loadForContribution(user, actionId);
      return res.status(status).render(VIEWS.upload, this.uploadPage(loaded, res, fieldErrors));
    }
    const message: FlashMessage = { kind: 'success', title: 'Your evidence has been uploaded', text: `${title}: a board member will review it.` };
    if (!wantsJson) return this.flashAndBack(req, res, actionId, message);
    addFlash(req, message);
    await new Promise<void>((resolve, reject) => req.session.save((e?: unknown) => (e ? reject(e instanceof Error ? e : new Error('session not stored')) : resolve())));
    res.status(HttpStatus.CREATED).json({ location: ROW_PAGE.action(actionId) });
  }

  private async evidenceOfAction(user: AuthUser, actionId: string, evidenceId: string) {
    const item = await this.evidence.get(user, evidenceId);
    if (item.actionId !== actionId) throw AppException.notFound('Evidence', evidenceId);
    return item;
  }

  /** The file, streamed from storage with the same access rules and headers as the API's content endpoint. */
  @Get(ACTION_ROUTE.evidenceFile)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.evidenceOfAction(user, actionId, evidenceId);
    await sendEvidenceContent(this.evidence, user, evidenceId, { range, ifRange, ifNoneMatch }, res);
  }

  @Post(ACTION_ROUTE.withdrawEvidence)
  async withdraw(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidParam) actionId: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
  ): Promise<void> {
    const item = await this.evidenceOfAction(user, actionId, evidenceId);
    await this.evidence.withdraw(user, evidenceId, {});
    await this.flashAndBack(req, res, actionId, { kind: 'success', title: 'Evidence withdrawn', text: item.title });
  }

  // ---- Colour override ------------------------------------------------------------------------------

  private async loadForOverride(user: AuthUser, actionId: string): Promise<Loaded> {
    const loaded = await this.load(user, actionId);
    assertCanOverrideRag(user, loaded.scope);
    return loaded;
  }

  @Get(ACTION_ROUTE.override)
  async overrideForm(@CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Res() res: Response): Promise<void> {
    const loaded = await this.loadForOverride(user, actionId);
    res.render(VIEWS.override, overridePage(loaded, loaded.action));
  }

  @Post(ACTION_ROUTE.override)
  async override(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.loadForOverride(user, actionId);
    const values = { colour: formValue(body, 'colour'), reason: formValue(body, 'reason'), expires: dateParts(body, 'expiresOn') };
    const { errors, value } = checkOverride(values.colour, values.reason, values.expires);
    if (!value) return res.status(400).render(VIEWS.override, overridePage(loaded, loaded.action, values, errors));
    try {
      await this.overrides.set(user, actionId, value);
    } catch (err) {
      if (isFieldProblem(err)) {
        const fieldErrors = problemsOf(err).map((p) => overrideServiceError(p.field, p.messages.join(', ')));
        if (fieldErrors.every((e): e is FieldError => e !== null)) return res.status(400).render(VIEWS.override, overridePage(loaded, loaded.action, values, fieldErrors));
      }
      throw err;
    }
    await this.flashAndBack(req, res, actionId, {
      kind: 'success',
      title: 'The colour has been overridden',
      text: 'The page shows it once the colour has been worked out again, usually within seconds.',
    });
  }

  /** Ends the active override (audited; it ends from today) and asks for the colour to be worked out again. */
  @Post(ACTION_ROUTE.removeOverride)
  async removeOverride(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('actionId', UuidParam) actionId: string): Promise<void> {
    const loaded = await this.loadForOverride(user, actionId);
    assertPlanOpen(user, loaded.scope);
    await this.overrides.end(user, actionId);
    await this.flashAndBack(req, res, actionId, {
      kind: 'success',
      title: 'The override has been removed',
      text: 'The computed colour comes back once it has been worked out again, usually within seconds.',
    });
  }
}
