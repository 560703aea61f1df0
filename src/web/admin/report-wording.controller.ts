import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import type { PutReportWordingDto } from '../../report-wording/dto/report-wording.dto';
import { ReportWordingService } from '../../report-wording/report-wording.service';
import { WebController } from '../common/auth/web.decorators';
import { formValue, formVersion } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { checkWordingForm, reportWordingPage, type ReportWordingForm } from './report-wording.view-model';

const VIEW = 'admin/report-wording';
const FIELDS = ['committeeName', 'reportOfRole', 'contactOfficerRole', 'contactMailbox', 'purpose', 'reasonsForRecommendations', 'financialImplications', 'legalImplications', 'equalityImplications', 'safeguardingImplications', 'recommendations', 'glossary'] as const;

/** The organisation's wording of its scrutiny committee reports (administrators), through the API's service. */
@WebController()
@Roles('admin')
export class ReportWordingController {
  constructor(private readonly wording: ReportWordingService) {}

  @Get(WEB_PATHS.adminWording)
  async page(@Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    res.render(VIEW, reportWordingPage(await this.wording.get(user)));
  }

  @Post(WEB_PATHS.adminWording)
  async save(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Body() body: unknown): Promise<void> {
    const form = Object.fromEntries(FIELDS.map((f) => [f, formValue(body, f)])) as ReportWordingForm;
    const checked = checkWordingForm(form);
    if (!checked.ok) return void res.status(400).render(VIEW, reportWordingPage(await this.wording.get(user), form, checked.errors));
    // 0 is the version of wording never saved; a missing or impossible one is stale (409).
    const raw = formValue(body, 'version');
    const version = raw === '0' ? 0 : formVersion(body) || -1;
    await this.wording.put(user, { ...(checked.wording as Omit<PutReportWordingDto, 'version'>), version });
    await redirectWithFlash(req, res, { kind: 'success', title: 'The report wording has been saved', text: 'Scrutiny reports generated from now on use it.' }, WEB_PATHS.adminWording);
  }
}
