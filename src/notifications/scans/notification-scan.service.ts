import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { addDays, londonToday, type CalendarDate } from '../../common/dates/calendar-date';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { DigestItem, OwnerWeeklyDigestData, UpdateDueData } from '../messages/message-data';
import type { MessageKind } from '../notification-kinds';
import { OutboxService, type EnqueueOutcome, type OutboxRequest } from '../outbox/outbox.service';
import { OutboxTrigger } from '../outbox/outbox-trigger.service';
import { effectiveMode } from '../preferences/preference-rules';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { NotificationScanRepository, type OpenItemRow, type PlanMemberRow, type ScanScope } from './notification-scan.repository';
import { digestHorizon, digestWeekStart, dueReminder, inWindow, isoWeek, OVERRIDE_NOTICE_DAYS, overdueReminder, type OverdueHistory, updateDueWindow } from './scan-rules';

/** What one day's scan wrote, by message kind and outcome. */
export interface ScanResult {
  day: CalendarDate;
  /** The organisation scanned, or null for all (the scheduled scan). */
  organisationId: string | null;
  requested: number;
  written: number;
  byKind: Partial<Record<MessageKind, Partial<Record<EnqueueOutcome, number>>>>;
}

/**
 * The daily scan that writes reminders and digests to the outbox (see scan-rules.ts for when).
 * Idempotent: every message has its key (recipient, kind, subject, period), so a second run of a day,
 * or two workers running it at once, write nothing new. Each owner's messages name only their own
 * actions; board messages go to the plan's board members; deactivated users and kinds switched
 * off are filtered by OutboxService.
 */
@Injectable()
export class NotificationScanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scans: NotificationScanRepository,
    private readonly preferences: PreferencesRepository,
    private readonly outbox: OutboxService,
    private readonly trigger: OutboxTrigger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return londonToday(this.clock.now());
  }

  /**
   * Runs the scan for `day` (today in London by default), for every organisation or the one in
   * `scope`, and asks the sender to deliver.
   */
  async scanDay(day: CalendarDate = this.today(), scope: ScanScope = {}): Promise<ScanResult> {
    const requests = [...(await this.ownerRequests(day, scope)), ...(await this.boardRequests(day, scope))];
    const summary = await this.dataSource.transaction((manager) => this.outbox.enqueueMany(manager, requests));
    const result: ScanResult = { day, organisationId: scope.organisationId ?? null, requested: requests.length, written: summary.written, byKind: {} };
    requests.forEach((r, i) => {
      const kind = (result.byKind[r.kind] ??= {});
      const outcome = summary.outcomes[i];
      kind[outcome] = (kind[outcome] ?? 0) + 1;
    });
    if (summary.written > 0) await this.trigger.messagesWritten();
    return result;
  }

  private async ownerRequests(today: CalendarDate, scope: ScanScope): Promise<OutboxRequest[]> {
    const requests: OutboxRequest[] = [];
    const items = await this.scans.openItemsDueBy(digestHorizon(today), scope);
    const subjectOf = (item: OpenItemRow) => `${item.what}:${item.milestoneId ?? item.actionId}`;
    const overdueHistory = await this.overdueHistory(items.filter((i) => i.dueDate < today).map((i) => ({ recipientId: i.ownerId, subjectRef: subjectOf(i), dueDate: i.dueDate })));
    for (const item of items) {
      const action = { id: item.actionId, reference: item.reference, title: item.title };
      const milestone = item.milestoneId ? { id: item.milestoneId, title: item.milestoneTitle ?? '' } : null;
      const base = { organisationId: item.organisationId, planId: item.planId, recipientId: item.ownerId, subjectRef: subjectOf(item) };
      const due = dueReminder(item.what, today, item.dueDate);
      // The due date is the period: a date moved later reminds again. A catch-up says the days really left.
      if (due) {
        requests.push({ ...base, kind: due.kind, period: item.dueDate, data: { action, milestone, dueDate: item.dueDate, ...(due.daysLeft !== due.daysBefore ? { daysLeft: due.daysLeft } : {}) } });
      }
      const overdue = overdueReminder(today, item.dueDate, overdueHistory.get(`${item.ownerId} ${base.subjectRef}`));
      if (overdue) {
        requests.push({ ...base, kind: item.what === 'milestone' ? 'milestone_overdue' : 'action_overdue', period: today, data: { action, milestone, dueDate: item.dueDate, ...overdue } });
      }
    }

    const updateDue = await this.updateDueByOwner(today, scope);
    for (const [key, data] of updateDue) {
      const [organisationId, recipientId, meetingId] = JSON.parse(key) as [string, string, string];
      requests.push({ organisationId, planId: data.planId, recipientId, kind: 'update_due', subjectRef: `meeting:${meetingId}`, period: data.meeting.papersDeadline, data });
    }

    // Every day: the week's digest goes from the first scan on or after Monday (a missed Monday catches up), once.
    requests.push(...(await this.weeklyDigests(today, items, updateDue)));
    return requests;
  }

  /** Per owner and overdue item ('<owner> <subject>'): the overdue reminders written since its due date. */
  private async overdueHistory(items: { recipientId: string; subjectRef: string; dueDate: CalendarDate }[]): Promise<Map<string, OverdueHistory>> {
    const dueDates = new Map(items.map((i) => [`${i.recipientId} ${i.subjectRef}`, i.dueDate]));
    const history = new Map<string, OverdueHistory>();
    for (const row of await this.scans.overdueSent(items)) {
      const key = `${row.recipientId} ${row.subjectRef}`;
      const dueDate = dueDates.get(key);
      // The period of an overdue reminder is the day it was written; only those after the due date count.
      if (dueDate === undefined || row.period <= dueDate) continue;
      const h = history.get(key) ?? { lastOn: null, count: 0 };
      history.set(key, { lastOn: h.lastOn === null || row.period > h.lastOn ? row.period : h.lastOn, count: h.count + 1 });
    }
    return history;
  }

  /** Per owner and meeting: their open actions with no update since the committee's last meeting, while the window is open. */
  private async updateDueByOwner(today: CalendarDate, scope: ScanScope): Promise<Map<string, UpdateDueData>> {
    const byOwner = new Map<string, UpdateDueData>();
    for (const meeting of await this.scans.nextBoardMeetings(today, scope)) {
      if (!inWindow(today, updateDueWindow(meeting.papersDeadline, this.config.UPDATE_DUE_WORKING_DAYS))) continue;
      const since = meeting.previousMeetsOn;
      for (const a of await this.scans.openActionsWithLastUpdate(meeting.planId)) {
        if (a.lastUpdateOn !== null && (since === null || a.lastUpdateOn >= since)) continue;
        const key = JSON.stringify([a.organisationId, a.ownerId, meeting.meetingId]);
        let data = byOwner.get(key);
        if (!data) {
          data = {
            planId: meeting.planId,
            meeting: { committeeName: meeting.committeeName, meetingDate: meeting.meetsOn, papersDeadline: meeting.papersDeadline },
            sinceMeetingDate: since,
            actions: [],
          };
          byOwner.set(key, data);
        }
        data.actions.push({ id: a.actionId, reference: a.reference, title: a.title, lastUpdateOn: a.lastUpdateOn });
      }
    }
    return byOwner;
  }

  /**
   * One digest per owner and plan and ISO week, for owners with at least one kind on weekly digest,
   * listing only those kinds (what they receive one by one is not repeated). Nothing to list: no digest.
   * Written by the first scan of the week (Monday, or the first run after a missed Monday) that has
   * something to list; the outbox remembers it, so later scans that week skip that owner and plan.
   */
  private async weeklyDigests(today: CalendarDate, items: OpenItemRow[], updateDue: Map<string, UpdateDueData>): Promise<OutboxRequest[]> {
    const digestUsers = await this.scans.digestUserIds();
    if (digestUsers.size === 0) return [];
    const weekStarting = digestWeekStart(today);
    const week = isoWeek(weekStarting);
    const written = await this.scans.weeklyDigestsWritten(week, [...digestUsers]);
    const profiles = await this.preferences.recipientProfiles([...digestUsers]);
    const digests = new Map<string, { organisationId: string; ownerId: string; data: OwnerWeeklyDigestData }>();
    const digestOf = (organisationId: string, ownerId: string, planId: string) => {
      const key = `${ownerId}:${planId}`;
      let d = digests.get(key);
      if (!d) {
        d = { organisationId, ownerId, data: { planId, weekStarting, today, overdue: [], dueSoon: [], updateDue: null } };
        digests.set(key, d);
      }
      return d.data;
    };
    const onDigest = (userId: string, kind: 'due_reminder' | 'overdue' | 'update_due', planId: string) => {
      if (written.has(`${userId} plan:${planId}`)) return false;
      const profile = profiles.get(userId);
      return profile !== undefined && effectiveMode(kind, profile.modes) === 'weekly_digest';
    };
    for (const item of items) {
      if (!digestUsers.has(item.ownerId)) continue;
      const entry: DigestItem = {
        action: { id: item.actionId, reference: item.reference, title: item.title },
        milestone: item.milestoneId ? { id: item.milestoneId, title: item.milestoneTitle ?? '' } : null,
        dueDate: item.dueDate,
      };
      if (item.dueDate < today && onDigest(item.ownerId, 'overdue', item.planId)) digestOf(item.organisationId, item.ownerId, item.planId).overdue.push(entry);
      if (item.dueDate >= today && onDigest(item.ownerId, 'due_reminder', item.planId)) digestOf(item.organisationId, item.ownerId, item.planId).dueSoon.push(entry);
    }
    for (const [key, data] of updateDue) {
      const [organisationId, ownerId] = JSON.parse(key) as [string, string, string];
      if (digestUsers.has(ownerId) && onDigest(ownerId, 'update_due', data.planId)) digestOf(organisationId, ownerId, data.planId).updateDue = data;
    }
    return [...digests.values()].map((d) => ({ organisationId: d.organisationId, planId: d.data.planId, recipientId: d.ownerId, kind: 'owner_weekly_digest' as const, subjectRef: `plan:${d.data.planId}`, period: week, data: d.data }));
  }

  private async boardRequests(today: CalendarDate, scope: ScanScope): Promise<OutboxRequest[]> {
    const requests: OutboxRequest[] = [];
    const waiting = await this.scans.waitingEvidence(scope);
    const overrides = await this.scans.overridesExpiring(today, addDays(today, OVERRIDE_NOTICE_DAYS), scope);
    const planIds = [...new Set([...waiting.map((w) => w.planId), ...overrides.map((o) => o.planId)])];
    if (planIds.length === 0) return requests;
    const boardByPlan = groupBy(await this.scans.planMembers('board', planIds), (m) => m.planId);

    // Daily: each board member gets the plan's waiting evidence, except what they uploaded themselves.
    for (const [planId, evidence] of groupBy(waiting, (w) => w.planId)) {
      for (const member of boardByPlan.get(planId) ?? []) {
        const items = evidence
          .filter((e) => e.uploadedById !== member.userId)
          .map((e) => ({ evidenceId: e.evidenceId, fileName: e.fileName, action: { id: e.actionId, reference: e.reference, title: e.title }, submittedOn: e.submittedOn }));
        if (items.length === 0) continue;
        requests.push({ organisationId: member.organisationId, planId, recipientId: member.userId, kind: 'evidence_review_digest', subjectRef: `plan:${planId}`, period: today, data: { planId, today, items } });
      }
    }

    // Once per override and expiry date, when it comes within its notice period.
    for (const o of overrides) {
      for (const member of boardByPlan.get(o.planId) ?? ([] as PlanMemberRow[])) {
        requests.push({
          organisationId: member.organisationId,
          planId: o.planId,
          recipientId: member.userId,
          kind: 'override_expiring',
          subjectRef: `override:${o.overrideId}`,
          period: o.expiresOn,
          data: { planId: o.planId, today, items: [{ action: { id: o.actionId, reference: o.reference, title: o.title }, colour: o.colour, expiresOn: o.expiresOn }] },
        });
      }
    }
    return requests;
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
