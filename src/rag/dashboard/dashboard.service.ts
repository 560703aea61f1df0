import { OutboxService } from '../../notifications/outbox/outbox.service';
import { Injectable } from '@nestjs/common';
import { isPlanManager } from '../../common/auth/access-policy';
import type { AuthUser } from '../../common/request-context/request-context';
import { emptyRollUp, type GroupRollUp } from '../compute/rag-roll-up';
import { RagRollUpService } from '../compute/rag-roll-up.service';
import { RagPolicyService } from '../settings/rag-policy.service';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { DashboardRepository, TREND_POINTS, type MilestoneRow, type TrendRow } from './dashboard.repository';
import type { DashboardDto, OverdueMilestoneDto, RollUpDto, TrendPointDto, UpcomingMilestoneDto } from './dto/dashboard.dto';
import type { RagCounts } from '../../vocabulary/rag-colour';

/** The most items each dashboard list carries (its total counts them all). */
export const DASHBOARD_LIST_LIMIT = 100;

function toRollUpDto(rollUp: GroupRollUp | undefined): RollUpDto {
  const r = rollUp ?? emptyRollUp();
  return { colour: r.colour, total: r.total, counts: { ...r.counts }, notComputed: r.notComputed };
}

function milestoneBase(row: MilestoneRow) {
  return {
    milestoneId: row.milestoneId,
    title: row.title,
    dueDate: row.dueDate,
    actionId: row.actionId,
    actionReference: row.actionReference,
    actionTitle: row.actionTitle,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
  };
}

/**
 * Oldest first. With today's stored colours (`today` given), today's point is those live counts,
 * not the count taken at the last full recompute: single-action recomputes move it during the day.
 */
export function toTrend(rows: readonly TrendRow[], today?: { asOf: CalendarDate; counts: RagCounts }): TrendPointDto[] {
  const points = rows.map((r): TrendPointDto => {
    const counts = { red: r.red, amber: r.amber, green: r.green, grey: r.grey, blue: r.blue };
    return { asOf: r.asOf, counts, total: counts.red + counts.amber + counts.green + counts.grey + counts.blue };
  });
  if (today) {
    const total = Object.values(today.counts).reduce((a, b) => a + b, 0);
    const others = points.filter((p) => p.asOf !== today.asOf);
    if (total > 0) points.splice(0, points.length, { asOf: today.asOf, counts: { ...today.counts }, total }, ...others.slice(0, TREND_POINTS - 1));
  }
  return points.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
}

/**
 * The board's dashboard at a reporting date: colours rolled up overall and by workstream,
 * notice, regulator and inspection; overdue and upcoming milestones; evidence waiting for review;
 * the trend over the last snapshots; the overridden colours, each with the rules' answer and who set
 * the override beside it (overrides never hide the rules' answer). Today reads the actions' stored colours; a past date reads
 * that date's snapshots and says so (and says when there are none, rather than inventing counts).
 *
 * For the plan's readers (admin, board and action owners). An owner reads the whole working plan
 * (every action, its colour, reasons, milestones and override), so every count and list here is
 * theirs to see, except the evidence waiting for review: an owner reads only their own actions'
 * evidence (`canReadEvidenceOf`), so for them that list carries its total and no items; nor do
 * they see `emailFailures` (the messages sent are administration: GET /notifications is refused to them).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly rollUps: RagRollUpService,
    private readonly dashboard: DashboardRepository,
    private readonly policies: RagPolicyService,
    private readonly outbox: OutboxService,
  ) {}

  async get(user: AuthUser, planId: string, asOf?: CalendarDate): Promise<DashboardDto> {
    const org = user.organisationId;
    const limit = DASHBOARD_LIST_LIMIT;
    // Reviewing evidence is the board's job; owners see how much is waiting, not whose or what.
    // Failed e-mails are the plan's managers' concern too (an owner may not list the messages sent).
    const manages = isPlanManager(user, { organisationId: org, planId });
    const { asOf: date, source } = this.rollUps.sourceFor(asOf);
    // Every query at once; those that need another's answer chained to it, not awaited in turn.
    const overriddenShown = this.dashboard
      .overridden(org, planId, date, source.kind === 'stored', limit)
      .then(async (listed) => ({ listed, shown: await this.dashboard.overridesShown(org, listed.items) }));
    const meetings = this.policies.current(org, planId).then((policy) => this.dashboard.nextMeetings(org, planId, date, policy.settings.staleAfterDays));
    const [colours, groups, totals, overdueItems, upcomingItems, evidenceItems, trend, { listed: overridden, shown: overrides }, nextMeetings, mail] = await Promise.all([
      this.rollUps.rollUps(org, date, ['all', 'workstream', 'notice', 'inspection', 'regulator'], planId),
      this.dashboard.groups(org, planId),
      this.dashboard.totals(org, planId, date),
      this.dashboard.overdueMilestones(org, planId, date, limit),
      this.dashboard.upcomingMilestones(org, planId, date, limit),
      manages ? this.dashboard.evidenceAwaitingReview(org, planId, date, limit) : Promise.resolve([]),
      this.dashboard.trend(org, planId, date),
      overriddenShown,
      meetings,
      manages ? this.outbox.deliveryFailures(org, planId) : null,
    ]);
    const { workstreams, notices, inspections, regulators } = groups;
    const overdue = { total: totals.overdue, items: overdueItems };
    const upcoming = { total: totals.upcoming, items: upcomingItems };
    const evidence = { total: totals.evidence, items: evidenceItems };

    return {
      plan: { id: planId, title: groups.title ?? '' },
      ...(mail !== null ? { emailFailures: mail } : {}),
      asOf: date,
      colourSource: colours.source,
      coloursAvailable: colours.coloursAvailable,
      note: colours.coloursAvailable
        ? null
        : `No RAG snapshots exist for ${date}; queue a recompute for that date (POST /api/v1/plans/${planId}/rag/recompute) to record them.`,
      limit,
      overall: toRollUpDto(colours.overall),
      byWorkstream: workstreams.map((w) => ({ id: w.id, code: w.code, title: w.title, ...toRollUpDto(colours.workstreams.get(w.id)) })),
      byNotice: notices.map((n) => ({ id: n.id, kind: n.kind, title: n.title, status: n.status, ...toRollUpDto(colours.notices.get(n.id)) })),
      byRegulator: regulators.map((r) => ({ id: r.id, code: r.code, name: r.name, ...toRollUpDto(colours.regulators.get(r.id)) })),
      byInspection: inspections.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        regulatorId: i.regulatorId,
        ...toRollUpDto(colours.inspections.get(i.id)),
      })),
      overdueMilestones: {
        total: overdue.total,
        items: overdue.items.map((m): OverdueMilestoneDto => ({ ...milestoneBase(m), daysOverdue: m.daysPastDue })),
      },
      upcomingMilestones: {
        total: upcoming.total,
        items: upcoming.items.map((m): UpcomingMilestoneDto => ({ ...milestoneBase(m), daysUntilDue: -m.daysPastDue })),
      },
      evidenceAwaitingReview: {
        total: evidence.total,
        items: evidence.items.map((e) => ({
          evidenceId: e.evidenceId,
          title: e.title,
          actionId: e.actionId,
          actionReference: e.actionReference,
          uploadedAt: new Date(e.uploadedAt).toISOString(),
          uploadedOn: e.uploadedOn,
          ageDays: e.ageDays,
          uploadedById: e.uploadedById,
          uploadedByName: e.uploadedByName,
        })),
      },
      overridden: {
        total: overridden.total,
        items: overridden.items.map((o) => ({
          actionId: o.actionId,
          actionReference: o.actionReference,
          actionTitle: o.actionTitle,
          colour: o.colour,
          computed: o.computedColour ? { colour: o.computedColour, reasons: o.computedReasons ?? [] } : null,
          override: o.overrideId ? (overrides.get(o.overrideId) ?? null) : null,
        })),
      },
      trend: toTrend(trend, colours.source === 'stored' ? { asOf: date, counts: colours.overall.counts } : undefined),
      nextMeetings,
    };
  }
}
