import { Body, Get, HttpStatus, Param, Post, Render, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { ImportErrorCode } from '../../imports/imports.exception';
import { ImportsService } from '../../imports/imports.service';
import { WebController } from '../common/auth/web.decorators';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, ROW_PAGE, ROW_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { choicesFromForm, importRunPage, importsListPage, resolutionsFromForm, type ImportRunViewModel, type ImportsListViewModel } from './imports.view-model';

/** A refusal the page shows in its error summary (not a 404/403 page, not a server error). */
function isFormError(err: unknown): err is AppException {
  const status = Number(err instanceof AppException ? err.status : 500);
  return err instanceof AppException && status >= 400 && status < 500 && status !== Number(HttpStatus.NOT_FOUND) && status !== Number(HttpStatus.FORBIDDEN);
}

const LIST_VIEW = 'imports/imports';
const RUN_VIEW = 'imports/import-run';

/** Importing a tracker: upload, check the preview and the mapping, commit (board and admin). Same service as the API. */
@WebController()
export class ImportsPagesController {
  constructor(private readonly imports: ImportsService) {}

  @Get(PLAN_PAGE.imports)
  @Render(LIST_VIEW)
  async list(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string): Promise<ImportsListViewModel> {
    return this.listPage(user, planId);
  }

  /** The upload: streamed by the service (the CSRF token rides in the form's action URL). */
  @Post(PLAN_PAGE.imports)
  async upload(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string): Promise<void> {
    try {
      const run = await this.imports.upload(user, planId, req);
      await redirectWithFlash(req, res, { kind: 'information', title: 'Your file has been uploaded', text: 'We are reading it. This page shows the preview when it is ready.' }, ROW_PAGE.importRun(run.id));
    } catch (err) {
      if (!isFormError(err)) throw err;
      res.status(err.status).render(LIST_VIEW, await this.listPage(user, planId, [{ field: 'file', text: err.message }]));
    }
  }

  @Get(ROW_ROUTE.importRun)
  @Render(RUN_VIEW)
  async run(@CurrentUser() user: AuthUser, @Param('importId', UuidParam) id: string): Promise<ImportRunViewModel> {
    return this.runPage(user, id);
  }

  @Post(`${ROW_ROUTE.importRun}/mapping`)
  async mapping(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('importId', UuidParam) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    try {
      const run = await this.imports.get(user, id);
      const candidates = await this.imports.ownerCandidates(user, run.planId);
      await this.imports.updateChoices(user, id, choicesFromForm(body ?? {}, run.choices, new Set(candidates.map((c) => c.id))));
    } catch (err) {
      if (!isFormError(err)) throw err;
      res.status(err.status).render(RUN_VIEW, await this.runPage(user, id, [{ field: 'mapping', text: err.message }]));
      return;
    }
    await redirectWithFlash(req, res, { kind: 'information', title: 'Your changes have been saved', text: 'We are reading the file again with them.' }, ROW_PAGE.importRun(id));
  }

  @Post(`${ROW_ROUTE.importRun}/commit`)
  async commit(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('importId', UuidParam) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    try {
      await this.imports.commit(user, id, { resolutions: resolutionsFromForm(body ?? {}) });
    } catch (err) {
      if (!isFormError(err)) throw err;
      const error =
        err.code === ImportErrorCode.OwnersNotDecided
          ? { field: 'commit', text: 'Choose a user for each owner that matches nobody, or leave them unassigned, before importing', href: '#owners' }
          : { field: 'commit', text: err.message };
      res.status(err.status).render(RUN_VIEW, await this.runPage(user, id, [error]));
      return;
    }
    await redirectWithFlash(req, res, { kind: 'information', title: 'The import has started', text: 'This page shows what it did when it has finished.' }, ROW_PAGE.importRun(id));
  }

  @Get(`${ROW_ROUTE.importRun}/file`)
  async file(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('importId', UuidParam) id: string): Promise<void> {
    const download = await this.imports.file(user, id);
    res.status(200);
    for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
    await pipeline(download.body, res).catch(() => undefined);
  }

  private async listPage(user: AuthUser, planId: string, errors: FormErrors = []): Promise<ImportsListViewModel> {
    const { plan, role } = await this.imports.planFor(user, planId);
    const page = await this.imports.list(user, planId, { skip: 0, page: 1, pageSize: 50 });
    return importsListPage(plan, role, page.items, errors);
  }

  private async runPage(user: AuthUser, id: string, errors: FormErrors = []): Promise<ImportRunViewModel> {
    const run = await this.imports.get(user, id);
    const { plan, role } = await this.imports.planFor(user, run.planId);
    const candidates = run.status === 'previewed' || run.status === 'failed' ? await this.imports.ownerCandidates(user, run.planId) : [];
    return importRunPage(plan, role, run, errors, candidates);
  }
}
