import { Body, Get, HttpStatus, Inject, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isPlanManager } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { londonToday } from '../../common/dates/calendar-date';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { MeetingDto } from '../../meetings/dto/meeting.dto';
import { MeetingQueryDto } from '../../meetings/dto/meeting.dto';
import { MeetingsService } from '../../meetings/meetings.service';
import type { PackDto } from '../../packs/dto/pack.dto';
import { PackQueryDto } from '../../packs/dto/pack-query.dto';
import type { PublicationCheckDto } from '../../packs/dto/publication-check.dto';
import type { PackModel } from '../../packs/model/pack-model';
import { PacksService } from '../../packs/packs.service';
import { WebController } from '../common/auth/web.decorators';
import { formValue, type FieldError } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, ROW_PAGE, ROW_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { PlanPageContext } from './plan-page-context';
import { generatePackRequest, generatePackServiceError, packPage, packsPage, publishErrors, type GeneratePackForm, type PacksViewModel } from './packs.view-model';
import { pdfPageCount } from './pdf-page-count';
import { reportPage, reportsPage, type ReportsViewModel } from './report.view-model';

const PACKS_VIEW = 'packs/packs';
const PACK_VIEW = 'packs/pack';
/** Enough for a plan's calendar and its packs on one page. */
const LIST_SIZE = 100;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Packs (board and admin): list, generate for a meeting or a date, follow a pack until it is ready,
 * download its files, check and publish a scrutiny pack. Published reports (scrutiny members, board,
 * admin): the published scrutiny packs, each as an HTML page. Every call is PacksService's, with
 * the API's rules (packs/pack-access.ts): scrutiny members see published scrutiny packs only and
 * anything else is a 404 for them.
 */
@WebController()
export class PackPagesController {
  constructor(
    private readonly packs: PacksService,
    private readonly meetings: MeetingsService,
    private readonly context: PlanPageContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(PLAN_PAGE.packs)
  @Roles('admin', 'board')
  @Render(PACKS_VIEW)
  async list(@CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<PacksViewModel> {
    return this.packsPageModel(user, planId);
  }

  /** Asks for a pack: the same job as POST /api/v1/plans/:planId/packs (202 there), then 303 to the pack's page. */
  @Post(PLAN_PAGE.packs)
  @Roles('admin', 'board')
  async generate(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    const form: GeneratePackForm = {
      audience: formValue(body, 'audience'),
      target: formValue(body, 'target'),
      asOfDay: formValue(body, 'asOf-day'),
      asOfMonth: formValue(body, 'asOf-month'),
      asOfYear: formValue(body, 'asOf-year'),
    };
    const again = async (errors: FieldError[]) => res.status(400).render(PACKS_VIEW, await this.packsPageModel(user, planId, form, errors));
    const { errors, dto } = generatePackRequest(form);
    if (!dto) return again(errors);
    let accepted;
    try {
      accepted = await this.packs.create(user, planId, dto);
    } catch (err) {
      const fieldError = err instanceof AppException && err.status === HttpStatus.BAD_REQUEST ? generatePackServiceError(err.details) : null;
      if (fieldError) return again([fieldError]);
      throw err;
    }
    await redirectWithFlash(req, res, { kind: 'success', title: 'Your pack has been requested', text: 'It is being generated. This page shows its progress.' }, ROW_PAGE.pack(accepted.id));
  }

  @Get(ROW_ROUTE.pack)
  async pack(@CurrentUser() user: AuthUser, @Param('packId', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const pack = await this.packs.get(user, id);
    const planId = await this.planOf(user, pack);
    // A scrutiny member reaches only published scrutiny packs, and reads them as reports.
    if (!isPlanManager(user, { organisationId: user.organisationId, planId })) return res.redirect(303, ROW_PAGE.report(id));
    res.render(PACK_VIEW, await this.packPageModel(user, planId, pack));
  }

  /** One file of a ready pack, streamed by the same service as GET /api/v1/packs/:id/files/:format. */
  @Get(`${ROW_ROUTE.pack}/files/:format`)
  async file(@CurrentUser() user: AuthUser, @Param('packId', UuidParam) id: string, @Param('format') format: string, @Res() res: Response): Promise<void> {
    const download = await this.packs.openFile(user, id, format);
    res.status(200);
    for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
    await pipeline(download.body, res).catch(() => undefined);
  }

  /** Publishes a scrutiny pack as POST /api/v1/packs/:id/publish does (audited there), the suspects acknowledged by a ticked box. */
  @Post(`${ROW_ROUTE.pack}/publish`)
  async publish(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('packId', UuidParam) id: string, @Body() body: unknown): Promise<void> {
    const pack = await this.packs.get(user, id);
    const planId = await this.planOf(user, pack);
    if (!isPlanManager(user, { organisationId: user.organisationId, planId })) throw AppException.forbidden('only admin and board members can publish packs');
    const check = await this.packs.publicationCheck(user, id);
    const acknowledged = formValue(body, 'acknowledgeSuspects') === 'yes';
    const errors = publishErrors(check, acknowledged);
    if (errors.length > 0) return res.status(400).render(PACK_VIEW, await this.packPageModel(user, planId, pack, errors));
    await this.packs.publish(user, id, { acknowledgeSuspects: acknowledged });
    await redirectWithFlash(req, res, { kind: 'success', title: 'The pack has been published', text: 'Scrutiny members can now read it in Published reports.' }, ROW_PAGE.pack(id));
  }

  @Get(PLAN_PAGE.reports)
  @Roles('scrutiny', 'board', 'admin')
  @Render('packs/reports')
  async reports(@CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<ReportsViewModel> {
    const query = Object.assign(new PackQueryDto(), { audience: 'scrutiny', published: true, page: 1, pageSize: LIST_SIZE });
    const [planNav, page] = await Promise.all([this.context.planNav(user, planId, 'reports'), this.packs.list(user, planId, query)]);
    return reportsPage(planNav, page.items);
  }

  /** A published scrutiny pack as an HTML page, from the pack model its files were rendered from (its JSON file). */
  @Get(ROW_ROUTE.report)
  @Render('packs/report')
  async report(@CurrentUser() user: AuthUser, @Param('packId', UuidParam) id: string) {
    const pack = await this.packs.get(user, id);
    // Reports are the published scrutiny packs only, for everyone (a draft has its pack page).
    if (pack.audience !== 'scrutiny' || pack.publishedAt === null || pack.state !== 'ready') throw AppException.notFound('Report', id);
    const planId = await this.planOf(user, pack);
    const model = await this.modelOf(user, pack);
    const [planNav, pdfPages] = await Promise.all([this.context.planNav(user, planId, 'reports'), this.pdfPages(user, pack)]);
    return reportPage(planNav, pack, model, pdfPages);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async packsPageModel(user: AuthUser, planId: string, form?: GeneratePackForm, errors: FieldError[] = []): Promise<PacksViewModel> {
    const query = Object.assign(new PackQueryDto(), { page: 1, pageSize: LIST_SIZE });
    const [planNav, packs, meetings] = await Promise.all([this.context.planNav(user, planId, 'packs'), this.packs.list(user, planId, query), this.planMeetings(user, planId)]);
    return packsPage(planNav, packs.items, meetings, londonToday(this.clock.now()), form, errors);
  }

  private async planMeetings(user: AuthUser, planId: string): Promise<MeetingDto[]> {
    const query = Object.assign(new MeetingQueryDto(), { page: 1, pageSize: LIST_SIZE });
    return (await this.meetings.list(user, planId, query)).items;
  }

  private async packPageModel(user: AuthUser, planId: string, pack: PackDto, errors: FieldError[] = []) {
    const [planNav, meeting, pdfPages, check] = await Promise.all([
      this.context.planNav(user, planId, 'packs'),
      pack.meetingId ? this.meetings.get(user, pack.meetingId).catch(() => null) : Promise.resolve(null),
      this.pdfPages(user, pack),
      this.checkOf(user, pack),
    ]);
    return packPage(planNav, pack, { meeting, pdfPages, check, errors });
  }

  /** The scrutiny pack's publication check, once ready (none for board packs or packs built before checks were kept). */
  private async checkOf(user: AuthUser, pack: PackDto): Promise<PublicationCheckDto | null> {
    if (pack.audience !== 'scrutiny' || pack.state !== 'ready') return null;
    try {
      return await this.packs.publicationCheck(user, pack.id);
    } catch (err) {
      if (err instanceof AppException && err.status === HttpStatus.CONFLICT) return null;
      throw err;
    }
  }

  private async pdfPages(user: AuthUser, pack: PackDto): Promise<number | null> {
    if (pack.state !== 'ready' || !pack.files.some((f) => f.format === 'pdf')) return null;
    const file = await this.packs.openFile(user, pack.id, 'pdf');
    return pdfPageCount(await readAll(file.body));
  }

  private async modelOf(user: AuthUser, pack: PackDto): Promise<PackModel | null> {
    if (!pack.files.some((f) => f.format === 'json')) return null;
    const file = await this.packs.openFile(user, pack.id, 'json');
    return JSON.parse((await readAll(file.body)).toString('utf8')) as PackModel;
  }

  /** The plan a pack reports on (PackDto leaves it out; the plans the user holds know it). */
  private async planOf(user: AuthUser, pack: PackDto): Promise<string> {
    return this.packs.planIdOf(user, pack.id);
  }
}
