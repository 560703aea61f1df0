import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { OverrideShownDto } from '../overrides/dto/override-shown.dto';
import { findOverridesShown } from '../overrides/overrides-shown.query';
import type { RagColour } from '../../vocabulary/rag-colour';

export interface WorkstreamRow {
  id: string;
  code: string;
  title: string;
}
export interface NoticeRow {
  id: string;
  kind: string;
  title: string;
  status: string;
}
export interface InspectionRow {
  id: string;
  kind: string;
  title: string;
  regulatorId: string;
}
export interface RegulatorRow {
  id: string;
  code: string;
  name: string;
}

export interface PlanGroups {
  /** Undefined when the plan is not the organisation's. */
  title: string | undefined;
  workstreams: WorkstreamRow[];
  notices: NoticeRow[];
  inspections: InspectionRow[];
  regulators: RegulatorRow[];
}

/** A committee of the plan with its next meeting (null fields when none is scheduled) and what is due before it. */
export interface CommitteeMeetingRow {
  committeeId: string;
  committeeName: string;
  audience: 'board' | 'scrutiny';
  meetingId: string | null;
  meetsOn: CalendarDate | null;
  startsAt: string | null;
  venue: string | null;
  papersDeadline: CalendarDate | null;
  milestonesDue: number | null;
  updatesDue: number | null;
}

export interface MilestoneRow {
  milestoneId: string;
  title: string;
  dueDate: CalendarDate;
  /** asOf - dueDate, in days (negative when due later). */
  daysPastDue: number;
  actionId: string;
  actionReference: string;
  actionTitle: string;
  ownerId: string;
  ownerName: string;
}

export interface EvidenceRow {
  evidenceId: string;
  title: string;
  actionId: string;
  actionReference: string;
  uploadedAt: Date;
  uploadedOn: CalendarDate;
  ageDays: number;
  uploadedById: string;
  uploadedByName: string;
}

/** An overridden colour with the rules' answer beneath it (rag_override's id to name who set it). */
export interface OverriddenRow {
  actionId: string;
  actionReference: string;
  actionTitle: string;
  colour: RagColour;
  computedColour: RagColour | null;
  computedReasons: { code: string; colour: RagColour; text: string }[] | null;
  overrideId: string | null;
}

export interface Listed<T> {
  total: number;
  items: T[];
}

export interface TrendRow {
  asOf: CalendarDate;
  red: number;
  amber: number;
  green: number;
  grey: number;
  blue: number;
}

/** The row (alias `x`, with an action_id) hangs off an action of plan $3. */
const IN_PLAN = (x: string, plan = '$3') => `EXISTS (SELECT 1 FROM action pa WHERE pa.id = ${x}.action_id AND pa.plan_id = ${plan})`;
/** The sum of a plan's kept day counts (plan_day_count, organisation $1) of one kind whose day (d.day) meets `days`. */
const KEPT = (kind: string, days: string, plan = '$2') =>
  `(SELECT coalesce(sum(d.count), 0) FROM plan_day_count d WHERE d.plan_id = ${plan} AND d.organisation_id = $1 AND d.kind = '${kind}' AND ${days})`;
/** Not a regulator deadline the board had marked not applicable by the end of asOf ($2) (src/deadlines). */
const NOT_WAIVED = (x: string) =>
  `NOT EXISTS (SELECT 1 FROM regulator_deadline rd WHERE rd.milestone_id = ${x}.id AND rd.not_applicable_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/London'))`;

/** How far ahead "due soon" looks. */
export const UPCOMING_DAYS = 30;
const OVERDUE = (column: string) => `${column} < $2::date`;
const UPCOMING = (column: string) => `${column} >= $2::date AND ${column} <= $2::date + ${UPCOMING_DAYS}`;
/** How many snapshot dates the trend shows. */
export const TREND_POINTS = 12;

/**
 * The dashboard's queries. Each is one set-based statement (filters and GROUP BY in the database,
 * lists cut to a limit there); the service runs them at once.
 *
 * A milestone counts as open at asOf when it has no completion date or was completed after asOf,
 * so a past date shows what was open then.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The plan's title and the groups its colours roll up to (workstreams, notices, inspections and
   * their regulators, built-in or the organisation's own), each in its order: one statement.
   */
  async groups(organisationId: string, planId: string): Promise<PlanGroups> {
    const [row] = await this.dataSource.query<(Omit<PlanGroups, 'title'> & { title: string | null })[]>(
      `SELECT (SELECT title FROM plan WHERE organisation_id = $1 AND id = $2) AS title,
              coalesce((SELECT json_agg(json_build_object('id', id, 'code', code, 'title', title) ORDER BY sort_order, code, id)
                        FROM workstream WHERE organisation_id = $1 AND plan_id = $2), '[]') AS workstreams,
              coalesce((SELECT json_agg(json_build_object('id', id, 'kind', kind, 'title', title, 'status', status) ORDER BY issued_on, title, id)
                        FROM notice WHERE organisation_id = $1 AND plan_id = $2), '[]') AS notices,
              coalesce((SELECT json_agg(json_build_object('id', id, 'kind', kind, 'title', title, 'regulatorId', regulator_id) ORDER BY start_date, title, id)
                        FROM inspection WHERE organisation_id = $1 AND plan_id = $2), '[]') AS inspections,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name) ORDER BY r.name, r.id) FROM regulator r
                        WHERE r.id IN (SELECT regulator_id FROM inspection WHERE organisation_id = $1 AND plan_id = $2)), '[]') AS regulators`,
      [organisationId, planId],
    );
    return { ...row, title: row.title ?? undefined };
  }

  /**
   * The totals of the dashboard's lists at asOf, in one statement: milestones overdue and due in
   * the next UPCOMING_DAYS (open, not waived), evidence waiting for review. Sums of the kept day
   * counts (plan_day_count) with the few rows a day key cannot see.
   */
  async totals(organisationId: string, planId: string, asOf: CalendarDate): Promise<{ overdue: number; upcoming: number; evidence: number }> {
    const [row] = await this.dataSource.query<{ overdue: number; upcoming: number; evidence: number }[]>(
      `SELECT (${this.openMilestoneCount(OVERDUE)}) AS overdue, (${this.openMilestoneCount(UPCOMING)}) AS upcoming,
              (${KEPT('evidence_waiting', 'd.day <= $2::date', '$3')})::int AS evidence`,
      [organisationId, asOf, planId],
    );
    return row;
  }

  /**
   * Each committee of the plan with its next meeting on or after asOf (not cancelled), and what is
   * due before it: milestones due on or before the meeting day and not complete at asOf, and started,
   * unfinished actions whose last progress update (or start date) will be more than staleAfterDays
   * old on the meeting day. One statement: a DISTINCT ON for the next meetings, a join to the
   * plan's open milestones and to its actions' latest updates, grouped per committee.
   */
  nextMeetings(organisationId: string, planId: string, asOf: CalendarDate, staleAfterDays: number): Promise<CommitteeMeetingRow[]> {
    return this.dataSource.query<CommitteeMeetingRow[]>(
      `WITH next_meeting AS (
         SELECT DISTINCT ON (mt.committee_id) mt.id, mt.committee_id, mt.meets_on, mt.starts_at, mt.venue, mt.papers_deadline
         FROM meeting mt
         WHERE mt.organisation_id = $1 AND mt.plan_id = $2 AND NOT mt.cancelled AND mt.meets_on >= $3::date
         ORDER BY mt.committee_id, mt.meets_on, mt.starts_at NULLS FIRST, mt.id
       ), late_update AS (
         -- Started, unfinished actions with a progress update dated after asOf: the kept count files
         -- them under that update's day; here is the day they had at asOf.
         SELECT a.id,
                coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS kept_since,
                coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id AND p.update_date <= $3::date), a.start_date) AS since
         FROM action a
         WHERE a.id IN (SELECT pu.action_id FROM progress_update pu WHERE pu.update_date > $3::date)
           AND a.organisation_id = $1 AND a.plan_id = $2 AND a.status IN ('in_progress', 'blocked')
       )
       SELECT c.id AS "committeeId", c.name AS "committeeName", c.audience,
              nm.id AS "meetingId", nm.meets_on::text AS "meetsOn", nm.starts_at AS "startsAt", nm.venue,
              nm.papers_deadline::text AS "papersDeadline",
              CASE WHEN nm.id IS NULL THEN NULL ELSE (
                ${KEPT('milestone_open', 'd.day <= nm.meets_on')}
                + (SELECT count(*) FROM milestone m WHERE m.organisation_id = $1 AND m.completed_on > $3::date AND m.due_date <= nm.meets_on AND ${IN_PLAN('m', '$2')})
              )::int END AS "milestonesDue",
              CASE WHEN nm.id IS NULL THEN NULL ELSE (
                ${KEPT('action_quiet', 'd.day + $4::int < nm.meets_on')}
                + (SELECT count(*) FILTER (WHERE l.since + $4::int < nm.meets_on) - count(*) FILTER (WHERE l.kept_since + $4::int < nm.meets_on) FROM late_update l)
              )::int END AS "updatesDue"
       FROM committee c LEFT JOIN next_meeting nm ON nm.committee_id = c.id
       WHERE c.organisation_id = $1 AND c.plan_id = $2
       ORDER BY nm.meets_on NULLS LAST, c.name, c.id`,
      [organisationId, planId, asOf, staleAfterDays],
    );
  }

  /**
   * Milestones open at asOf (not completed by then), not waived, due in `due` (SQL on m.due_date):
   * the kept count of milestones with no completion date, plus those completed after asOf, less
   * those whose regulator deadline was marked not applicable by asOf (both small sets, by index).
   */
  private openMilestoneCount(due: (column: string) => string): string {
    return `(
        ${KEPT('milestone_open', due('d.day'), '$3')}
        + (SELECT count(*) FROM milestone m WHERE m.organisation_id = $1 AND m.completed_on > $2::date AND ${due('m.due_date')} AND ${IN_PLAN('m')} AND ${NOT_WAIVED('m')})
        - (SELECT count(*) FROM regulator_deadline rd JOIN milestone m ON m.id = rd.milestone_id
            WHERE rd.organisation_id = $1 AND rd.not_applicable_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/London')
              AND m.completed_on IS NULL AND ${due('m.due_date')} AND ${IN_PLAN('m')})
      )::int`;
  }

  /** The first `limit` overdue milestones, most overdue first (their total: totals()). */
  overdueMilestones(organisationId: string, planId: string, asOf: CalendarDate, limit: number): Promise<MilestoneRow[]> {
    return this.milestones(organisationId, planId, asOf, limit, OVERDUE);
  }

  /** The first `limit` milestones due in the next UPCOMING_DAYS, soonest first (their total: totals()). */
  upcomingMilestones(organisationId: string, planId: string, asOf: CalendarDate, limit: number): Promise<MilestoneRow[]> {
    return this.milestones(organisationId, planId, asOf, limit, UPCOMING);
  }

  /**
   * The first `limit` pieces of evidence waiting for review, oldest first, read from the partial
   * index of waiting evidence (stopping at the limit). Their total: totals().
   */
  evidenceAwaitingReview(organisationId: string, planId: string, asOf: CalendarDate, limit: number): Promise<EvidenceRow[]> {
    const waiting = `e.organisation_id = $1 AND e.review_state = 'submitted' AND e.withdrawn_at IS NULL
                     AND (e.uploaded_at AT TIME ZONE 'Europe/London')::date <= $2::date AND ${IN_PLAN('e')}`;
    return this.dataSource.query<EvidenceRow[]>(
      `SELECT e.id AS "evidenceId", e.title, e.action_id AS "actionId", a.reference AS "actionReference",
              e.uploaded_at AS "uploadedAt", e.uploaded_on::text AS "uploadedOn", ($2::date - e.uploaded_on) AS "ageDays",
              e.uploaded_by_id AS "uploadedById", u.name AS "uploadedByName"
       FROM (SELECT e.*, (e.uploaded_at AT TIME ZONE 'Europe/London')::date AS uploaded_on FROM evidence e
             WHERE ${waiting} ORDER BY e.uploaded_at, e.id LIMIT $4) e
       JOIN action a ON a.id = e.action_id
       JOIN "user" u ON u.id = e.uploaded_by_id
       ORDER BY e.uploaded_at, e.id`,
      [organisationId, asOf, planId, limit],
    );
  }

  /**
   * Actions whose colour at the date is a board override, in plan order: today's stored colours
   * (`stored`) or that date's snapshots, each with the rules' own colour and reasons.
   */
  async overridden(organisationId: string, planId: string, asOf: CalendarDate, stored: boolean, limit: number): Promise<Listed<OverriddenRow>> {
    const from = stored
      ? `SELECT a.id, a.reference, a.title, a.reference_sort_key, a.rag_colour AS colour, a.rag_computed_colour AS computed_colour,
                a.rag_computed_reasons AS computed_reasons, a.rag_override_id AS override_id
         FROM action a WHERE a.organisation_id = $1 AND a.plan_id = $4 AND a.rag_overridden AND $2::date IS NOT NULL`
      : `SELECT a.id, a.reference, a.title, a.reference_sort_key, s.colour, s.computed_colour, s.computed_reasons, s.override_id
         FROM rag_snapshot s JOIN action a ON a.id = s.action_id
         WHERE s.organisation_id = $1 AND a.plan_id = $4 AND s.as_of = $2::date AND s.overridden`;
    const rows = await this.dataSource.query<(OverriddenRow & { total: number })[]>(
      `SELECT o.id AS "actionId", o.reference AS "actionReference", o.title AS "actionTitle", o.colour,
              o.computed_colour AS "computedColour", o.computed_reasons AS "computedReasons", o.override_id AS "overrideId",
              (count(*) OVER ())::int AS total
       FROM (${from}) o ORDER BY o.reference_sort_key, o.id LIMIT $3`,
      [organisationId, asOf, limit, planId],
    );
    return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...row }) => row) };
  }

  /** The overrides those rows name, with who set them, by id. */
  overridesShown(organisationId: string, rows: readonly OverriddenRow[]): Promise<Map<string, OverrideShownDto>> {
    return findOverridesShown(this.dataSource.manager, organisationId, rows.flatMap((r) => (r.overrideId ? [r.overrideId] : [])));
  }

  /**
   * The plan's colour counts at the last TREND_POINTS snapshot dates up to asOf (newest first):
   * read from rag_trend_count, which triggers keep equal to the plan's snapshots (a few dozen rows,
   * not a count of every snapshot). Dates whose counts have all gone to 0 (their snapshots were
   * deleted) are not snapshot dates any more.
   */
  trend(organisationId: string, planId: string, asOf: CalendarDate): Promise<TrendRow[]> {
    return this.dataSource.query<TrendRow[]>(
      `SELECT t.as_of::text AS "asOf",
              coalesce(sum(t.count) FILTER (WHERE t.colour = 'red'), 0)::int AS red, coalesce(sum(t.count) FILTER (WHERE t.colour = 'amber'), 0)::int AS amber,
              coalesce(sum(t.count) FILTER (WHERE t.colour = 'green'), 0)::int AS green, coalesce(sum(t.count) FILTER (WHERE t.colour = 'grey'), 0)::int AS grey,
              coalesce(sum(t.count) FILTER (WHERE t.colour = 'blue'), 0)::int AS blue
         FROM rag_trend_count t
        WHERE t.organisation_id = $1 AND t.plan_id = $3 AND t.as_of <= $2::date
        GROUP BY t.as_of HAVING sum(t.count) > 0 ORDER BY t.as_of DESC LIMIT ${TREND_POINTS}`,
      [organisationId, asOf, planId],
    );
  }

  /**
   * The first `limit` open milestones due in `due`: the partial index of milestones with no
   * completion date read in due order (stopping at the limit), merged with those completed after
   * asOf (open at asOf).
   */
  private milestones(organisationId: string, planId: string, asOf: CalendarDate, limit: number, due: (column: string) => string): Promise<MilestoneRow[]> {
    const where = `m.organisation_id = $1 AND ${due('m.due_date')} AND ${IN_PLAN('m')} AND ${NOT_WAIVED('m')}`;
    const order = 'm.due_date, m.action_id, m.sort_order, m.id';
    return this.dataSource.query<MilestoneRow[]>(
      `SELECT m.id AS "milestoneId", m.title, m.due_date::text AS "dueDate", ($2::date - m.due_date) AS "daysPastDue",
              a.id AS "actionId", a.reference AS "actionReference", a.title AS "actionTitle",
              u.id AS "ownerId", u.name AS "ownerName"
       FROM ((SELECT m.* FROM milestone m WHERE m.completed_on IS NULL AND ${where} ORDER BY ${order} LIMIT $4)
             UNION ALL
             (SELECT m.* FROM milestone m WHERE m.completed_on > $2::date AND ${where} ORDER BY ${order} LIMIT $4)
             ORDER BY due_date, action_id, sort_order, id LIMIT $4) m
       JOIN action a ON a.id = m.action_id
       JOIN "user" u ON u.id = a.owner_id
       ORDER BY ${order}`,
      [organisationId, asOf, planId, limit],
    );
  }
}
