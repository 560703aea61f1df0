import { planRoleSql } from '../../plans/plan-role.sql';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type {
  ActionSourceRow,
  ColourCountRow,
  EvidenceSourceRow,
  FindingSourceRow,
  InspectionSourceRow,
  MeetingSourceRow,
  MilestoneSourceRow,
  NoticeSourceRow,
  PersonSourceRow,
  WorkstreamSourceRow,
} from './pack-source-rows';
import type { PackAudience } from '../../vocabulary/pack-audience';
import type { ReportWordingSettings } from '../../report-wording/report-wording';
import { statusAtSql } from '../../actions/status-at.sql';
import { actionDatesAtSql, milestoneDueAtSql } from '../../actions/dates-at.sql';

/** London calendar date of a timestamptz column. */
const londonDate = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;
/**
 * The first instant after the reporting date $2 (London): a fact recorded at or after it was not
 * known on the reporting date (the true-history rule, src/rag/compute/rag-facts.ts). A NULL
 * recorded time counts from the fact's own date.
 */
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
const ACTION_DATES_AT = actionDatesAtSql('a', END_OF_AS_OF);

/**
 * The queries that gather a pack's source at a reporting date. Each is one set-based statement for
 * the whole organisation (joins and LATERAL subqueries in the database, never one query per action),
 * run by the loader inside one REPEATABLE READ transaction so they all see the same moment.
 *
 * The pack's actions are exactly those with a RAG snapshot at asOf: the same set the dashboard
 * counts for that date.
 */
@Injectable()
export class PackSourceRepository {
  /**
   * The meeting the pack is for (when it names one that still exists), else the plan's first
   * meeting after asOf, not cancelled, of a committee with the pack's audience; null when none.
   */
  async nextMeeting(m: EntityManager, organisationId: string, planId: string, meetingId: string | null, audience: PackAudience, asOf: CalendarDate): Promise<MeetingSourceRow | null> {
    const rows = await m.query<MeetingSourceRow[]>(
      `SELECT c.name AS "committeeName", to_char(mt.meets_on, 'YYYY-MM-DD') AS "meetsOn", (mt.id = $3::uuid) IS TRUE AS "forThisPack"
       FROM meeting mt JOIN committee c ON c.id = mt.committee_id
       WHERE mt.organisation_id = $1 AND mt.plan_id = $2
         AND (mt.id = $3::uuid OR (NOT mt.cancelled AND c.audience = $4 AND mt.meets_on > $5::date))
       ORDER BY (mt.id = $3::uuid) IS TRUE DESC, mt.meets_on, mt.starts_at NULLS FIRST, c.name, mt.id
       LIMIT 1`,
      [organisationId, planId, meetingId, audience, asOf],
    );
    return rows[0] ?? null;
  }

  /** The organisation's name, the plan's title (what packs are called after) and the requester's job title. */
  async organisation(
    m: EntityManager,
    organisationId: string,
    planId: string,
    requestedById: string,
  ): Promise<{ name: string; planTitle: string; requesterJobTitle: string | null; planTargetDate: CalendarDate | null }> {
    const rows = await m.query<{ name: string; planTitle: string; requesterJobTitle: string | null; planTargetDate: CalendarDate | null }[]>(
      `SELECT o.name, pl.title AS "planTitle", u.job_title AS "requesterJobTitle", pl.target_date::text AS "planTargetDate"
       FROM organisation o JOIN plan pl ON pl.id = $3 AND pl.organisation_id = o.id
       LEFT JOIN "user" u ON u.id = $2 AND u.organisation_id = o.id
       WHERE o.id = $1`,
      [organisationId, requestedById, planId],
    );
    if (!rows[0]) throw new Error(`organisation ${organisationId} not found`);
    return rows[0];
  }

  /** The organisation's report wording (src/report-wording), or null while it uses the defaults. */
  async wording(m: EntityManager, organisationId: string): Promise<Partial<ReportWordingSettings> | null> {
    const rows = await m.query<Partial<ReportWordingSettings>[]>(
      `SELECT committee_name AS "committeeName", report_of_role AS "reportOfRole", contact_officer_role AS "contactOfficerRole",
              contact_mailbox AS "contactMailbox", purpose, recommendations, reasons_for_recommendations AS "reasonsForRecommendations",
              financial_implications AS "financialImplications", legal_implications AS "legalImplications",
              equality_implications AS "equalityImplications", safeguarding_implications AS "safeguardingImplications", glossary
       FROM report_wording WHERE organisation_id = $1`,
      [organisationId],
    );
    return rows[0] ?? null;
  }

  /** How many snapshots exist at asOf, and how many of today's actions have none. */
  async snapshotCoverage(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<{ snapshots: number; actionsWithout: number }> {
    const rows = await m.query<{ snapshots: number; actionsWithout: number }[]>(
      `SELECT (SELECT count(*)::int FROM rag_snapshot s JOIN action a ON a.id = s.action_id AND a.plan_id = $3
                WHERE s.organisation_id = $1 AND s.as_of = $2::date) AS snapshots,
              (SELECT count(*)::int FROM action a WHERE a.organisation_id = $1 AND a.plan_id = $3
                 AND NOT EXISTS (SELECT 1 FROM rag_snapshot s WHERE s.action_id = a.id AND s.as_of = $2::date)) AS "actionsWithout"`,
      [organisationId, asOf, planId],
    );
    return rows[0];
  }

  /** How many times the plan's snapshots of asOf have changed (rag_snapshot_revision; 0 when never written). */
  async snapshotRevision(m: EntityManager, planId: string, asOf: CalendarDate): Promise<number> {
    const rows = await m.query<{ revision: number }[]>(`SELECT revision FROM rag_snapshot_revision WHERE plan_id = $1 AND as_of = $2::date`, [planId, asOf]);
    return rows[0]?.revision ?? 0;
  }

  /**
   * The latest ready pack of the audience before asOf whose date still has snapshots of the plan.
   * Here, as for the counts and the trend below, the plan's snapshot dates and colour counts are
   * read from rag_trend_count, as the dashboard reads them: triggers keep it equal to the plan's
   * snapshots in the same transaction (rows may hold 0: a date whose counts are all 0 has no
   * snapshot left), so a pack and the dashboard show the same dates and counts, and a few dozen
   * rows are read instead of counting thousands of snapshots per date.
   */
  async previousPackDate(m: EntityManager, organisationId: string, planId: string, audience: PackAudience, asOf: CalendarDate): Promise<CalendarDate | null> {
    const rows = await m.query<{ asOf: CalendarDate }[]>(
      `SELECT p.as_of::text AS "asOf" FROM pack p
       WHERE p.organisation_id = $1 AND p.plan_id = $4 AND p.audience = $2 AND p.state = 'ready' AND p.as_of < $3::date
         AND EXISTS (SELECT 1 FROM rag_trend_count t
                      WHERE t.organisation_id = p.organisation_id AND t.plan_id = p.plan_id AND t.as_of = p.as_of AND t.count > 0)
       ORDER BY p.as_of DESC LIMIT 1`,
      [organisationId, audience, asOf, planId],
    );
    return rows[0]?.asOf ?? null;
  }

  async latestSnapshotDateBefore(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<CalendarDate | null> {
    const rows = await m.query<{ asOf: CalendarDate | null }[]>(
      `SELECT max(t.as_of)::text AS "asOf" FROM rag_trend_count t
        WHERE t.organisation_id = $1 AND t.plan_id = $3 AND t.as_of < $2::date AND t.count > 0`,
      [organisationId, asOf, planId],
    );
    return rows[0]?.asOf ?? null;
  }

  colourCounts(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<ColourCountRow[]> {
    return m.query<ColourCountRow[]>(
      `SELECT t.as_of::text AS "asOf", t.colour, t.count FROM rag_trend_count t
       WHERE t.organisation_id = $1 AND t.plan_id = $3 AND t.as_of = $2::date AND t.count > 0`,
      [organisationId, asOf, planId],
    );
  }

  /** Colour counts at the plan's last `points` snapshot dates before asOf (the dashboard's trend, DashboardRepository.trend). */
  trend(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate, points: number): Promise<ColourCountRow[]> {
    return m.query<ColourCountRow[]>(
      `SELECT t.as_of::text AS "asOf", t.colour, t.count FROM rag_trend_count t
       WHERE t.organisation_id = $1 AND t.plan_id = $4 AND t.count > 0
         AND t.as_of IN (SELECT d.as_of FROM rag_trend_count d
                          WHERE d.organisation_id = $1 AND d.plan_id = $4 AND d.as_of < $2::date
                          GROUP BY d.as_of HAVING sum(d.count) > 0 ORDER BY d.as_of DESC LIMIT $3)`,
      [organisationId, asOf, points, planId],
    );
  }

  workstreams(m: EntityManager, organisationId: string, planId: string): Promise<WorkstreamSourceRow[]> {
    return m.query(`SELECT id, title, sort_order AS "sortOrder" FROM workstream WHERE organisation_id = $1 AND plan_id = $2`, [organisationId, planId]);
  }

  inspections(m: EntityManager, organisationId: string, planId: string): Promise<InspectionSourceRow[]> {
    return m.query(
      `SELECT i.id, i.kind, i.title, i.overall_judgement AS "overallJudgement", i.published_date::text AS "publishedDate",
              i.start_date::text AS "startDate", i.end_date::text AS "endDate", i.report_reference AS "reportReference",
              i.quality_statement_scores AS "qualityStatementScores", i.judgements,
              r.code AS "regulatorCode", r.name AS "regulatorName", (r.organisation_id IS NULL) AS "regulatorBuiltIn"
       FROM inspection i JOIN regulator r ON r.id = i.regulator_id
       WHERE i.organisation_id = $1 AND i.plan_id = $2`,
      [organisationId, planId],
    );
  }

  /**
   * The plan's notices, each with its status on asOf: that of the newest change effective by then
   * (changed_on); the notice's status now when none was (a notice issued since). By the day it took
   * effect only: a change's recorded time (created_at) is the database's, not the application's clock
   * as the other facts' are, so a change recorded late and dated back shows in a pack made after it.
   */
  notices(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<NoticeSourceRow[]> {
    return m.query(
      `SELECT n.id, n.kind, n.title, n.deadline::text AS deadline, n.issued_on::text AS "issuedOn", n.failings, n.requirements,
              COALESCE((SELECT c.to_status FROM notice_status_change c
                        WHERE c.notice_id = n.id AND c.changed_on <= $2::date
                        ORDER BY c.changed_on DESC, c.created_at DESC LIMIT 1), n.status) AS status
       FROM notice n WHERE n.organisation_id = $1 AND n.plan_id = $3`,
      [organisationId, asOf, planId],
    );
  }

  findings(m: EntityManager, organisationId: string, planId: string): Promise<FindingSourceRow[]> {
    return m.query(
      `SELECT f.id, f.inspection_id AS "inspectionId", f.notice_id AS "noticeId", f.reference, f.title, f.theme, f.score,
              r.code AS "regulatorCode", COALESCE(r.organisation_id IS NULL, false) AS "regulatorBuiltIn"
       FROM finding f LEFT JOIN inspection i ON i.id = f.inspection_id LEFT JOIN regulator r ON r.id = i.regulator_id
       WHERE f.organisation_id = $1 AND f.plan_id = $2`,
      [organisationId, planId],
    );
  }

  /**
   * Every action with a snapshot at asOf: its colour and reasons then (with an override, the
   * rules' own colour and reasons and who set it), its status then (and completion date, if complete
   * then), its colour at the previous date, its owner's name and role, its latest progress update up
   * to asOf and its findings; its start and due dates and progress percent as they stood then (as
   * that date's colour read them). Its title is today's (titles have no history).
   *
   * The overrides (few) are read first, once, as a materialized CTE: joined in the main query,
   * a snapshot table the planner's statistics did not yet know at asOf (right after the nightly
   * run, before autovacuum's analyze) made it scan every user once per action (0.6 s of 1.1 s at
   * 5,000 actions); the CTE is read the same way whatever the statistics say.
   */
  actions(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate, previousAsOf: CalendarDate | null): Promise<ActionSourceRow[]> {
    return m.query(
      `WITH ov AS MATERIALIZED (
         SELECT o.id, ou.name AS set_by_name, ou.job_title AS set_by_job_title, ou.partner_agency AS set_by_partner_agency,
                ${planRoleSql('ou', 'opm')} AS set_by_role,
                ${londonDate('o.set_at')}::text AS set_on, o.expires_on::text AS expires_on
         FROM rag_override o
         LEFT JOIN "user" ou ON ou.id = o.set_by_id
         LEFT JOIN plan_membership opm ON opm.user_id = ou.id AND opm.plan_id = $4
         WHERE o.id IN (SELECT so.override_id FROM rag_snapshot so WHERE so.organisation_id = $1 AND so.as_of = $2::date AND so.plan_id = $4 AND so.override_id IS NOT NULL)
       )
       SELECT a.id, a.reference, a.title, a.workstream_id AS "workstreamId",
              u.name AS "ownerName", u.job_title AS "ownerJobTitle", u.partner_agency AS "ownerPartnerAgency",
              a.lead_agency AS "leadAgency", st.start_date::text AS "startDate", st.due_date::text AS "dueDate",
              st.status, st.progress_percent AS "progressPercent",
              s.colour, s.reasons, s.overridden,
              s.computed_colour AS "computedColour", s.computed_reasons AS "computedReasons",
              ov.set_by_name AS "overrideSetByName", ov.set_by_job_title AS "overrideSetByJobTitle",
              ov.set_by_partner_agency AS "overrideSetByPartnerAgency",
              ov.set_by_role AS "overrideSetByRole",
              ov.set_on AS "overrideSetOn", ov.expires_on AS "overrideExpiresOn",
              p.colour AS "previousColour",
              lu.update_date::text AS "latestUpdateDate", lu.narrative AS "latestUpdateNarrative",
              CASE WHEN st.status IN ('complete', 'embedded') THEN a.completed_on::text END AS "completedOn",
              COALESCE((SELECT array_agg(af.finding_id::text ORDER BY af.finding_id) FROM action_finding af WHERE af.action_id = a.id), '{}') AS "findingIds"
       FROM rag_snapshot s
       JOIN action a ON a.id = s.action_id
       -- The status, dates and progress at the end of asOf, as that date's colour read them (not today's).
       CROSS JOIN LATERAL (SELECT COALESCE(${statusAtSql('a', END_OF_AS_OF)}, a.status) AS status,
                                  ${ACTION_DATES_AT.startDate} AS start_date, ${ACTION_DATES_AT.dueDate} AS due_date,
                                  ${ACTION_DATES_AT.progressPercent} AS progress_percent) st
       JOIN "user" u ON u.id = a.owner_id
       LEFT JOIN ov ON ov.id = s.override_id
       LEFT JOIN rag_snapshot p ON p.action_id = a.id AND p.as_of = $3::date
       LEFT JOIN LATERAL (
         SELECT pu.update_date, pu.narrative FROM progress_update pu
         WHERE pu.action_id = a.id AND pu.update_date <= $2::date AND (pu.recorded_at IS NULL OR pu.recorded_at < ${END_OF_AS_OF})
         ORDER BY pu.update_date DESC, pu.created_at DESC, pu.id DESC LIMIT 1
       ) lu ON true
       WHERE s.organisation_id = $1 AND s.as_of = $2::date AND a.plan_id = $4`,
      [organisationId, asOf, previousAsOf, planId],
    );
  }

  milestones(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<MilestoneSourceRow[]> {
    return m.query(
      `SELECT ms.id, ms.action_id AS "actionId", ms.title, (${milestoneDueAtSql('ms', END_OF_AS_OF)})::text AS "dueDate",
              CASE WHEN ms.completion_recorded_at IS NULL OR ms.completion_recorded_at < ${END_OF_AS_OF} THEN ms.completed_on END::text AS "completedOn"
       FROM milestone ms JOIN rag_snapshot s ON s.action_id = ms.action_id AND s.as_of = $2::date
       JOIN action a ON a.id = ms.action_id AND a.plan_id = $3
       WHERE ms.organisation_id = $1 AND (ms.recorded_at IS NULL OR ms.recorded_at < ${END_OF_AS_OF})`,
      [organisationId, asOf, planId],
    );
  }

  /**
   * Everyone in the organisation, active or not: a former colleague's name is still a name (the
   * role is the one held in the pack's plan; someone who holds none there is named as an owner).
   */
  people(m: EntityManager, organisationId: string, planId: string): Promise<PersonSourceRow[]> {
    return m.query(
      `SELECT u.name, ${planRoleSql('u', 'pm', "'owner'")} AS role,
              u.job_title AS "jobTitle", u.partner_agency AS "partnerAgency"
         FROM "user" u LEFT JOIN plan_membership pm ON pm.user_id = u.id AND pm.plan_id = $2
        WHERE u.organisation_id = $1`,
      [organisationId, planId],
    );
  }

  /** Evidence uploaded by the end of asOf and not withdrawn by then, with its review state now (shaped to asOf later). */
  evidence(m: EntityManager, organisationId: string, planId: string, asOf: CalendarDate): Promise<EvidenceSourceRow[]> {
    return m.query(
      `SELECT e.id, e.action_id AS "actionId", e.title, e.review_state AS state,
              ${londonDate('e.uploaded_at')}::text AS "uploadedOn",
              CASE WHEN e.reviewed_at IS NULL THEN NULL ELSE ${londonDate('e.reviewed_at')}::text END AS "reviewedOn",
              e.review_comment AS "reviewComment", ru.name AS "reviewerName", ru.job_title AS "reviewerJobTitle",
              ru.partner_agency AS "reviewerPartnerAgency", CASE WHEN ru.id IS NULL THEN NULL ELSE ${planRoleSql('ru', 'rpm')} END AS "reviewerRole"
       FROM evidence e JOIN rag_snapshot s ON s.action_id = e.action_id AND s.as_of = $2::date
       JOIN action a ON a.id = e.action_id AND a.plan_id = $3
       LEFT JOIN "user" ru ON ru.id = e.reviewed_by_id
       LEFT JOIN plan_membership rpm ON rpm.user_id = ru.id AND rpm.plan_id = a.plan_id
       WHERE e.organisation_id = $1 AND (e.withdrawn_at IS NULL OR e.withdrawn_at >= ${END_OF_AS_OF}) AND e.uploaded_at < ${END_OF_AS_OF}`,
      [organisationId, asOf, planId],
    );
  }
}
