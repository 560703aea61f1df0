import { Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionQueryDto } from '../../actions/dto/action-query.dto';
import { ActionsService } from '../../actions/actions.service';
import { isPlanManager } from '../../common/auth/access-policy';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { londonToday } from '../../common/dates/calendar-date';
import type { AuthUser } from '../../common/request-context/request-context';
import { FindingQueryDto } from '../../findings/dto/finding.dto';
import { FindingsService } from '../../findings/findings.service';
import { InspectionQueryDto } from '../../inspections/dto/inspection.dto';
import { InspectionsService } from '../../inspections/inspections.service';
import { MeetingQueryDto } from '../../meetings/dto/meeting.dto';
import { MeetingsService } from '../../meetings/meetings.service';
import { NoticeQueryDto } from '../../notices/dto/notice.dto';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import { WorkstreamQueryDto } from '../../workstreams/dto/workstream.dto';
import { WorkstreamsService } from '../../workstreams/workstreams.service';
import { WebController } from '../common/auth/web.decorators';
import { PLAN_PAGE } from '../common/web-paths';
import { actionListQuery, actionsListPage, parseActionFilters } from './actions-list.view-model';
import { myActionsPage } from './my-actions.view-model';
import { PlanOutlineRepository } from './plan-outline.repository';
import { planOutlinePage } from './plan-outline.view-model';
import { planPageAccess, scrutinyRedirect } from './plan-page-access';
import { allPages } from '../common/all-pages';

/**
 * The working plan's pages (admin, board, owner): the plan itself, its actions list and "My
 * actions". Scrutiny members are sent to the published reports (303); a plan the user holds no role
 * in is a 404. Each page calls the services the API calls.
 */
@WebController()
export class PlanPagesController {
  constructor(
    private readonly plans: PlansService,
    private readonly actions: ActionsService,
    private readonly inspections: InspectionsService,
    private readonly notices: NoticesService,
    private readonly findings: FindingsService,
    private readonly workstreams: WorkstreamsService,
    private readonly meetings: MeetingsService,
    private readonly outline: PlanOutlineRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(PLAN_PAGE.plan)
  async plan(@CurrentUser() user: AuthUser, @Param('planId') planId: string, @Res() res: Response): Promise<void> {
    const access = planPageAccess(user, planId);
    const redirect = scrutinyRedirect(access);
    if (redirect) return res.redirect(303, redirect);
    const [plan, inspections, notices, statusHistories, findings, links, workstreams] = await Promise.all([
      this.plans.get(user, planId),
      allPages(() => new InspectionQueryDto(), (q) => this.inspections.list(user, planId, q)),
      allPages(() => new NoticeQueryDto(), (q) => this.notices.list(user, planId, q)),
      // Every notice's history in one grouped read, not one per notice.
      this.notices.statusHistoriesOfPlan(user, planId),
      allPages(() => new FindingQueryDto(), (q) => this.findings.list(user, planId, q)),
      this.outline.findingActions(user.organisationId, planId),
      allPages(() => new WorkstreamQueryDto(), (q) => this.workstreams.list(user, planId, q)),
    ]);
    const manage = isPlanManager(user, { organisationId: user.organisationId, planId });
    res.render('plan/plan-outline', planOutlinePage({ plan, role: access.role, inspections, notices, statusHistories, findings, links, workstreams, manage }));
  }

  @Get(PLAN_PAGE.actions)
  async actionsList(@CurrentUser() user: AuthUser, @Param('planId') planId: string, @Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const access = planPageAccess(user, planId);
    const redirect = scrutinyRedirect(access);
    if (redirect) return res.redirect(303, redirect);
    const { filters, errors } = parseActionFilters(raw);
    const query = Object.assign(new ActionQueryDto(), actionListQuery(filters, londonToday(this.clock.now())));
    const [plan, page, workstreams, findings, members] = await Promise.all([
      this.plans.get(user, planId),
      this.actions.list(user, planId, query),
      allPages(() => new WorkstreamQueryDto(), (q) => this.workstreams.list(user, planId, q)),
      this.outline.findingOptions(user.organisationId, planId),
      this.plans.members(user, planId),
    ]);
    const owners = members
      .filter((m) => m.role === 'owner' || m.role === 'board').map((m) => ({ id: m.userId, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    res.status(errors.length ? 400 : 200).render('plan/actions-list', actionsListPage({ plan, role: access.role, filters, errors, page, workstreams, findings, owners, manage: isPlanManager(user, { organisationId: user.organisationId, planId }) }));
  }

  @Get(PLAN_PAGE.myActions)
  async myActions(@CurrentUser() user: AuthUser, @Param('planId') planId: string, @Res() res: Response): Promise<void> {
    const access = planPageAccess(user, planId);
    const redirect = scrutinyRedirect(access);
    if (redirect) return res.redirect(303, redirect);
    const today = londonToday(this.clock.now());
    const [plan, mine, meetings] = await Promise.all([
      this.plans.get(user, planId),
      allPages(() => Object.assign(new ActionQueryDto(), { ownerId: user.id, sort: 'dueDate' }), (q) => this.actions.list(user, planId, q)),
      this.meetings.list(user, planId, Object.assign(new MeetingQueryDto(), { from: today, pageSize: 50 })),
    ]);
    const open = mine.filter((a) => a.status !== 'embedded');
    const details = await Promise.all(open.map((a) => this.actions.detail(user.organisationId, a.id)));
    const board = meetings.items.find((m) => !m.cancelled && m.committee.audience === 'board' && m.papersDeadline >= today);
    const next = board ? { committee: board.committee.name, meetsOn: board.meetsOn, papersDeadline: board.papersDeadline } : null;
    res.render('plan/my-actions', myActionsPage({ plan, role: access.role, today, next, actions: details }));
  }
}
