import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { planRoleOf } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import { AppException } from '../../common/errors/app.exception';
import { CommonErrorCode } from '../../common/errors/error-code';
import type { AuthUser, Role } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { CommitteesService } from '../../meetings/committees.service';
import { CommitteeQueryDto, type CommitteeDto } from '../../meetings/dto/committee.dto';
import { MeetingQueryDto } from '../../meetings/dto/meeting.dto';
import { defaultPapersDeadline, MeetingsService } from '../../meetings/meetings.service';
import type { PackAudience } from '../../vocabulary/pack-audience';
import { PlansService } from '../../plans/plans.service';
import { WebController } from '../common/auth/web.decorators';
import { formValue, formVersion, type FieldError } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { serviceFieldErrors } from '../admin/service-errors';
import {
  checkMeetingForm,
  COMMITTEE_SERVICE_FIELDS,
  committeeFormErrors,
  committeePage,
  MEETING_PAGES_ROUTE,
  meetingPage,
  meetingPagePaths,
  MEETING_SERVICE_FIELDS,
  meetingsPage,
  newMeetingPage,
  papersDeadlineWords,
  type CommitteeForm,
  type MeetingForm,
} from './meetings-pages.view-model';

const MEETINGS_VIEW = 'meetings/meetings';
const COMMITTEE_VIEW = 'meetings/committee';
const MEETING_VIEW = 'meetings/meeting';
const ALL = 200;

/**
 * A plan's committees and their meetings (administrators and the plan's board members), through
 * the same services as the API's /plans/:planId/committees and /plans/:planId/meetings, with their
 * permissions and audit.
 */
@WebController()
@Roles('admin', 'board')
export class MeetingPagesController {
  constructor(
    private readonly committees: CommitteesService,
    private readonly meetings: MeetingsService,
    private readonly plans: PlansService,
  ) {}

  @Get(PLAN_PAGE.meetings)
  async page(@Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<void> {
    await this.renderMeetings(res, user, planId, 200);
  }

  @Post(MEETING_PAGES_ROUTE.committees)
  async addCommittee(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    const form = committeeFormOf(body);
    const errors = committeeFormErrors(form);
    if (errors.length > 0) return this.renderMeetings(res, user, planId, 400, errors, form);
    try {
      const committee = await this.committees.create(user, planId, { name: form.name.trim(), audience: form.audience as PackAudience });
      await redirectWithFlash(req, res, { kind: 'success', title: `${committee.name} has been added`, text: 'Add its meetings below.' }, meetingPagePaths(planId).meetings);
    } catch (err) {
      const fieldErrors = serviceFieldErrors(err, COMMITTEE_SERVICE_FIELDS);
      if (fieldErrors) return this.renderMeetings(res, user, planId, 400, fieldErrors, form);
      throw err;
    }
  }

  @Get(MEETING_PAGES_ROUTE.committee)
  async committee(@Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Param('committeeId', UuidParam) committeeId: string): Promise<void> {
    await this.renderCommittee(res, user, planId, committeeId, 200);
  }

  @Post(MEETING_PAGES_ROUTE.committee)
  async changeCommittee(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
    @PlanId() planId: string,
    @Param('committeeId', UuidParam) committeeId: string,
    @Body() body: unknown,
  ): Promise<void> {
    const form = committeeFormOf(body);
    const errors = committeeFormErrors(form);
    if (errors.length > 0) return this.renderCommittee(res, user, planId, committeeId, 400, errors, form);
    await this.committeeOfPlan(user, planId, committeeId);
    try {
      const committee = await this.committees.update(user, committeeId, { name: form.name.trim(), audience: form.audience as PackAudience, version: formVersion(body) });
      await redirectWithFlash(req, res, { kind: 'success', title: `${committee.name} has been saved` }, meetingPagePaths(planId).meetings);
    } catch (err) {
      const fieldErrors = serviceFieldErrors(err, COMMITTEE_SERVICE_FIELDS);
      if (fieldErrors) return this.renderCommittee(res, user, planId, committeeId, 400, fieldErrors, form);
      throw err;
    }
  }

  /** A committee with meetings is not deleted: the page says to delete its meetings first. */
  @Post(MEETING_PAGES_ROUTE.deleteCommittee)
  async deleteCommittee(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Param('committeeId', UuidParam) committeeId: string): Promise<void> {
    const committee = await this.committeeOfPlan(user, planId, committeeId);
    try {
      await this.committees.remove(user, committeeId);
    } catch (err) {
      if (err instanceof AppException && err.code === CommonErrorCode.HasDependents) {
        const errors = [{ field: 'delete', text: `${committee.name} has meetings: delete its meetings first, then the committee` }];
        return this.renderCommittee(res, user, planId, committeeId, 409, errors);
      }
      throw err;
    }
    await redirectWithFlash(req, res, { kind: 'success', title: `${committee.name} has been deleted` }, meetingPagePaths(planId).meetings);
  }

  @Get(MEETING_PAGES_ROUTE.newMeeting)
  async newMeeting(@Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Query('committeeId') committeeId?: string): Promise<void> {
    const [plan, committees] = await Promise.all([this.plans.get(user, planId), this.committeeList(user, planId)]);
    const form: MeetingForm = { ...meetingFormOf({}), committeeId: committees.some((c) => c.id === committeeId) ? (committeeId as string) : '' };
    res.render(MEETING_VIEW, newMeetingPage({ plan, role: roleIn(user, planId), committees, form }));
  }

  /** Adds the meeting; "Show the papers deadline" (`step=preview`) shows the rule's deadline for the date typed. */
  @Post(MEETING_PAGES_ROUTE.newMeeting)
  async addMeeting(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    const [plan, committees] = await Promise.all([this.plans.get(user, planId), this.committeeList(user, planId)]);
    const role = roleIn(user, planId);
    const form = meetingFormOf(body);
    const checked = checkMeetingForm(form, committees);
    if (!checked.ok) return void res.status(400).render(MEETING_VIEW, newMeetingPage({ plan, role, committees, form, errors: checked.errors }));
    const { meeting } = checked;
    if (formValue(body, 'step') === 'preview') {
      return void res.status(200).render(MEETING_VIEW, newMeetingPage({ plan, role, committees, form, ruleDeadline: defaultPapersDeadline(meeting.meetsOn) }));
    }
    try {
      const created = await this.meetings.create(user, planId, {
        committeeId: meeting.committeeId,
        meetsOn: meeting.meetsOn,
        startsAt: meeting.startsAt,
        venue: meeting.venue,
        ...(meeting.papersDeadline ? { papersDeadline: meeting.papersDeadline } : {}),
      });
      await redirectWithFlash(req, res, { kind: 'success', title: `The meeting of ${created.committee.name} has been added`, text: `Papers are due on ${papersDeadlineWords(created)}.` }, meetingPagePaths(planId).meetings);
    } catch (err) {
      const errors = serviceFieldErrors(err, MEETING_SERVICE_FIELDS);
      if (errors) return void res.status(400).render(MEETING_VIEW, newMeetingPage({ plan, role, committees, form, errors: errors.map(dateHref) }));
      throw err;
    }
  }

  @Get(MEETING_PAGES_ROUTE.meeting)
  async meeting(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('meetingId', UuidParam) meetingId: string): Promise<void> {
    const { plan, role, meeting } = await this.meetingInPlan(user, meetingId);
    res.render(MEETING_VIEW, meetingPage({ plan, role, meeting, ruleDeadline: defaultPapersDeadline(meeting.meetsOn) }));
  }

  /** A blank papers deadline puts it back to the rule (it then moves with the meeting). */
  @Post(MEETING_PAGES_ROUTE.meeting)
  async changeMeeting(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('meetingId', UuidParam) meetingId: string, @Body() body: unknown): Promise<void> {
    const { plan, role, meeting } = await this.meetingInPlan(user, meetingId);
    const form = { ...meetingFormOf(body), committeeId: meeting.committee.id };
    const checked = checkMeetingForm(form, null);
    const page = (errors: FieldError[]) => meetingPage({ plan, role, meeting, ruleDeadline: defaultPapersDeadline(meeting.meetsOn), form, errors });
    if (!checked.ok) return void res.status(400).render(MEETING_VIEW, page(checked.errors));
    try {
      const updated = await this.meetings.update(user, meetingId, {
        meetsOn: checked.meeting.meetsOn,
        startsAt: checked.meeting.startsAt,
        venue: checked.meeting.venue,
        papersDeadline: checked.meeting.papersDeadline,
        cancelled: checked.meeting.cancelled,
        version: formVersion(body),
      });
      await redirectWithFlash(req, res, { kind: 'success', title: `The meeting of ${updated.committee.name} has been saved`, text: `Papers are due on ${papersDeadlineWords(updated)}.` }, meetingPagePaths(plan.id).meetings);
    } catch (err) {
      const errors = serviceFieldErrors(err, MEETING_SERVICE_FIELDS);
      if (errors) return void res.status(400).render(MEETING_VIEW, page(errors.map(dateHref)));
      throw err;
    }
  }

  @Post(MEETING_PAGES_ROUTE.deleteMeeting)
  async deleteMeeting(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('meetingId', UuidParam) meetingId: string): Promise<void> {
    const { plan, meeting } = await this.meetingInPlan(user, meetingId);
    await this.meetings.remove(user, meetingId);
    await redirectWithFlash(req, res, { kind: 'success', title: `The meeting of ${meeting.committee.name} has been deleted` }, meetingPagePaths(plan.id).meetings);
  }

  // ---- Loading -------------------------------------------------------------------------------------

  private async committeeList(user: AuthUser, planId: string): Promise<CommitteeDto[]> {
    return (await this.committees.list(user, planId, Object.assign(new CommitteeQueryDto(), { page: 1, pageSize: ALL }))).items;
  }

  /** The committee, or 404 when it is not one of this plan's. */
  private async committeeOfPlan(user: AuthUser, planId: string, committeeId: string): Promise<CommitteeDto> {
    const committee = await this.committees.get(user, committeeId);
    if (committee.planId !== planId) throw AppException.notFound('Committee', committeeId);
    return committee;
  }

  /** The meeting's page is for its plan's administrators and board members (the roles guard cannot see its plan). */
  private async meetingInPlan(user: AuthUser, meetingId: string) {
    const meeting = await this.meetings.get(user, meetingId);
    const role = planRoleOf(user, { organisationId: user.organisationId, planId: meeting.planId });
    if (role !== 'admin' && role !== 'board') throw AppException.forbidden('only admin and board members manage the meetings');
    const plan = await this.plans.get(user, meeting.planId);
    return { plan, role: role as Role, meeting };
  }

  private async renderMeetings(res: Response, user: AuthUser, planId: string, status: number, errors: FieldError[] = [], committeeForm?: CommitteeForm): Promise<void> {
    const [plan, committees, meetings] = await Promise.all([
      this.plans.get(user, planId),
      this.committeeList(user, planId),
      this.meetings.list(user, planId, Object.assign(new MeetingQueryDto(), { page: 1, pageSize: ALL })),
    ]);
    res.status(status).render(MEETINGS_VIEW, meetingsPage({ plan, role: roleIn(user, planId), committees, meetings: meetings.items, errors, committeeForm }));
  }

  private async renderCommittee(res: Response, user: AuthUser, planId: string, committeeId: string, status: number, errors: FieldError[] = [], form?: CommitteeForm): Promise<void> {
    const [plan, committee] = await Promise.all([this.plans.get(user, planId), this.committeeOfPlan(user, planId, committeeId)]);
    const meetings = await this.meetings.list(user, planId, Object.assign(new MeetingQueryDto(), { page: 1, pageSize: 1, committeeId }));
    res.status(status).render(COMMITTEE_VIEW, committeePage({ plan, role: roleIn(user, planId), committee, meetingCount: meetings.total, errors, form }));
  }
}

function committeeFormOf(body: unknown): CommitteeForm {
  return { name: formValue(body, 'name'), audience: formValue(body, 'audience') };
}

function meetingFormOf(body: unknown): MeetingForm {
  const date = (field: string) => ({ day: formValue(body, `${field}-day`), month: formValue(body, `${field}-month`), year: formValue(body, `${field}-year`) });
  return {
    committeeId: formValue(body, 'committeeId'),
    meetsOn: date('meetsOn'),
    startsAt: formValue(body, 'startsAt'),
    venue: formValue(body, 'venue'),
    papersDeadline: date('papersDeadline'),
    cancelled: formValue(body, 'cancelled') === 'true',
  };
}

/** A date field's error links to its first box. */
function dateHref(error: FieldError): FieldError {
  return error.field === 'meetsOn' || error.field === 'papersDeadline' ? { ...error, href: `#${error.field}-day` } : error;
}

function roleIn(user: AuthUser, planId: string): Role {
  // The roles guard has let the user in: they hold a role in this plan.
  return planRoleOf(user, { organisationId: user.organisationId, planId }) as Role;
}

