import { Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionQueryDto } from '../../actions/dto/action-query.dto';
import { ActionsService } from '../../actions/actions.service';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { addDays, londonToday } from '../../common/dates/calendar-date';
import type { AuthUser } from '../../common/request-context/request-context';
import { MeetingQueryDto } from '../../meetings/dto/meeting.dto';
import { MeetingsService } from '../../meetings/meetings.service';
import { PlansService } from '../../plans/plans.service';
import { DashboardService } from '../../rag/dashboard/dashboard.service';
import { WebController } from '../common/auth/web.decorators';
import { PLAN_PAGE } from '../common/web-paths';
import { planPageAccess, scrutinyRedirect } from '../plan/plan-page-access';
import { lastReportingDate, planDashboardPage, type ComparisonCounts } from './plan-dashboard.view-model';

/** How many red and amber actions the dashboard lists (the actions list has them all). */
export const DASHBOARD_EXCEPTIONS = 20;

/** How far back the dashboard looks for the board's last meeting. */
const LOOK_BACK_DAYS = 183;

/**
 * The plan dashboard (admin, board, owner). It shows what the API's dashboard computes
 * (DashboardService), the red and amber actions from the API's own action list, and the counts at
 * the last reporting date (that date's snapshots) beside today's.
 */
@WebController()
export class PlanDashboardController {
  constructor(
    private readonly plans: PlansService,
    private readonly dashboards: DashboardService,
    private readonly actions: ActionsService,
    private readonly meetings: MeetingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(PLAN_PAGE.dashboard)
  async dashboard(@CurrentUser() user: AuthUser, @Param('planId') planId: string, @Res() res: Response): Promise<void> {
    const access = planPageAccess(user, planId);
    const redirect = scrutinyRedirect(access);
    if (redirect) return res.redirect(303, redirect);
    const today = londonToday(this.clock.now());
    const exceptionsQuery = Object.assign(new ActionQueryDto(), { ragColour: ['red', 'amber'], sort: 'dueDate', pageSize: DASHBOARD_EXCEPTIONS });
    const meetingsQuery = Object.assign(new MeetingQueryDto(), { from: addDays(today, -LOOK_BACK_DAYS), pageSize: 200 });
    const [plan, dashboard, exceptions, meetings] = await Promise.all([
      this.plans.get(user, planId),
      this.dashboards.get(user, planId),
      this.actions.list(user, planId, exceptionsQuery),
      this.meetings.list(user, planId, meetingsQuery),
    ]);
    const boardMeetings = meetings.items.filter((m) => !m.cancelled && m.committee.audience === 'board').map((m) => m.meetsOn);
    const then = lastReportingDate(today, boardMeetings, dashboard.trend.map((p) => p.asOf));
    let previous: ComparisonCounts | null = null;
    // The trend already counts that date's snapshots when it is one of its dates; else ask for it.
    const inTrend = then ? dashboard.trend.find((p) => p.asOf === then) : undefined;
    if (inTrend) previous = { asOf: inTrend.asOf, available: true, counts: { ...inTrend.counts } };
    else if (then) {
      const past = await this.dashboards.get(user, planId, then);
      previous = { asOf: then, available: past.coloursAvailable, counts: { ...past.overall.counts } };
    }
    res.render('dashboard/plan-dashboard', planDashboardPage({ plan, role: access.role, dashboard, previous, exceptions }));
  }
}
