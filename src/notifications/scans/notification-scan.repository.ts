import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';

/** An open milestone or action, with its action and owner: what due and overdue reminders are about. */
export interface OpenItemRow {
  what: 'milestone' | 'action';
  organisationId: string;
  planId: string;
  ownerId: string;
  actionId: string;
  reference: string;
  title: string;
  milestoneId: string | null;
  milestoneTitle: string | null;
  dueDate: CalendarDate;
}

export interface BoardMeetingRow {
  meetingId: string;
  organisationId: string;
  planId: string;
  committeeId: string;
  committeeName: string;
  meetsOn: CalendarDate;
  papersDeadline: CalendarDate;
  /** The committee's meeting before this one (not cancelled), since when updates are asked for. */
  previousMeetsOn: CalendarDate | null;
}

export interface ActionUpdateRow {
  organisationId: string;
  ownerId: string;
  actionId: string;
  reference: string;
  title: string;
  lastUpdateOn: CalendarDate | null;
}

export interface WaitingEvidenceRow {
  organisationId: string;
  planId: string;
  evidenceId: string;
  fileName: string;
  uploadedById: string;
  submittedOn: CalendarDate;
  actionId: string;
  reference: string;
  title: string;
}

export interface ExpiringOverrideRow {
  overrideId: string;
  organisationId: string;
  planId: string;
  actionId: string;
  reference: string;
  title: string;
  colour: 'red' | 'amber' | 'green' | 'blue' | 'grey';
  expiresOn: CalendarDate;
}

export interface PlanMemberRow {
  planId: string;
  organisationId: string;
  userId: string;
}

const OPEN_ACTION = `a.status NOT IN ('complete', 'embedded')`;

/**
 * The action's owner still sees the plan's working actions: an administrator, or a board member or
 * owner of the plan. An owner removed from the plan, or made a scrutiny member, before the plan
 * refused that while they owned open actions (PlansService), is not written to about them.
 */
const OWNER_SEES_PLAN = `(EXISTS (SELECT 1 FROM plan_membership pm JOIN "user" mu ON mu.id = pm.user_id AND mu.role = 'member'
                WHERE pm.plan_id = a.plan_id AND pm.user_id = a.owner_id AND pm.role IN ('board', 'owner'))
        OR EXISTS (SELECT 1 FROM "user" ou WHERE ou.id = a.owner_id AND ou.role = 'admin'))`;

/** Which organisations a scan covers: all (the scheduled scan) or one (an admin's run of it). */
export interface ScanScope {
  organisationId?: string | null;
}

/** One overdue reminder already in the outbox (any state: written is what counts). */
export interface OverdueSentRow {
  recipientId: string;
  kind: string;
  subjectRef: string;
  period: string;
}

/**
 * The nightly scan's reads: only active plans, only open work. Every row carries its organisation
 * and plan so a message is written for (and names only what belongs to) one plan's member.
 */
@Injectable()
export class NotificationScanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Open milestones and open actions due on or before `until` (so overdue ones too). */
  openItemsDueBy(until: CalendarDate, scope: ScanScope = {}, manager: EntityManager = this.dataSource.manager): Promise<OpenItemRow[]> {
    return manager.query(
      `SELECT 'milestone' AS what, a.organisation_id AS "organisationId", a.plan_id AS "planId", a.owner_id AS "ownerId", a.id AS "actionId",
              a.reference, a.title, m.id AS "milestoneId", m.title AS "milestoneTitle", m.due_date::text AS "dueDate"
         FROM milestone m
         JOIN action a ON a.id = m.action_id
         JOIN plan p ON p.id = a.plan_id AND p.status = 'active'
        WHERE m.completed_on IS NULL AND ${OPEN_ACTION} AND m.due_date <= $1 AND ($2::uuid IS NULL OR a.organisation_id = $2) AND ${OWNER_SEES_PLAN}
       UNION ALL
       SELECT 'action', a.organisation_id, a.plan_id, a.owner_id, a.id, a.reference, a.title, NULL, NULL, a.due_date::text
         FROM action a
         JOIN plan p ON p.id = a.plan_id AND p.status = 'active'
        WHERE ${OPEN_ACTION} AND a.due_date <= $1 AND ($2::uuid IS NULL OR a.organisation_id = $2) AND ${OWNER_SEES_PLAN}
        ORDER BY "dueDate", reference, "milestoneId" NULLS FIRST`,
      [until, scope.organisationId ?? null],
    );
  }

  /**
   * Each active plan's next board meeting whose papers deadline is today or later (not cancelled),
   * with the same committee's previous meeting.
   */
  nextBoardMeetings(today: CalendarDate, scope: ScanScope = {}, manager: EntityManager = this.dataSource.manager): Promise<BoardMeetingRow[]> {
    return manager.query(
      `SELECT DISTINCT ON (mt.plan_id)
              mt.id AS "meetingId", mt.organisation_id AS "organisationId", mt.plan_id AS "planId", c.id AS "committeeId", c.name AS "committeeName",
              mt.meets_on::text AS "meetsOn", mt.papers_deadline::text AS "papersDeadline",
              (SELECT max(prev.meets_on)::text FROM meeting prev
                WHERE prev.committee_id = mt.committee_id AND NOT prev.cancelled AND prev.meets_on < mt.meets_on) AS "previousMeetsOn"
         FROM meeting mt
         JOIN committee c ON c.id = mt.committee_id AND c.audience = 'board'
         JOIN plan p ON p.id = mt.plan_id AND p.status = 'active'
        WHERE NOT mt.cancelled AND mt.papers_deadline >= $1 AND ($2::uuid IS NULL OR mt.organisation_id = $2)
        ORDER BY mt.plan_id, mt.papers_deadline, mt.meets_on, mt.id`,
      [today, scope.organisationId ?? null],
    );
  }

  /** A plan's open actions with the date of their newest progress update. */
  openActionsWithLastUpdate(planId: string, manager: EntityManager = this.dataSource.manager): Promise<ActionUpdateRow[]> {
    return manager.query(
      `SELECT a.organisation_id AS "organisationId", a.owner_id AS "ownerId", a.id AS "actionId", a.reference, a.title,
              (SELECT max(u.update_date)::text FROM progress_update u WHERE u.action_id = a.id) AS "lastUpdateOn"
         FROM action a
        WHERE a.plan_id = $1 AND ${OPEN_ACTION} AND ${OWNER_SEES_PLAN}
        ORDER BY a.reference_sort_key, a.id`,
      [planId],
    );
  }

  /** Evidence submitted and not yet reviewed (nor withdrawn), in active plans. */
  waitingEvidence(scope: ScanScope = {}, manager: EntityManager = this.dataSource.manager): Promise<WaitingEvidenceRow[]> {
    return manager.query(
      `SELECT e.organisation_id AS "organisationId", a.plan_id AS "planId", e.id AS "evidenceId", e.file_name AS "fileName",
              e.uploaded_by_id AS "uploadedById", (e.uploaded_at AT TIME ZONE 'Europe/London')::date::text AS "submittedOn",
              a.id AS "actionId", a.reference, a.title
         FROM evidence e
         JOIN action a ON a.id = e.action_id
         JOIN plan p ON p.id = a.plan_id AND p.status = 'active'
        WHERE e.review_state = 'submitted' AND e.withdrawn_at IS NULL AND ($1::uuid IS NULL OR e.organisation_id = $1)
        ORDER BY e.uploaded_at, e.id`,
      [scope.organisationId ?? null],
    );
  }

  /** Overrides still in force that expire between `from` and `to` (inclusive). */
  overridesExpiring(from: CalendarDate, to: CalendarDate, scope: ScanScope = {}, manager: EntityManager = this.dataSource.manager): Promise<ExpiringOverrideRow[]> {
    return manager.query(
      `SELECT o.id AS "overrideId", o.organisation_id AS "organisationId", a.plan_id AS "planId", a.id AS "actionId", a.reference, a.title,
              o.colour, o.expires_on::text AS "expiresOn"
         FROM rag_override o
         JOIN action a ON a.id = o.action_id
         JOIN plan p ON p.id = a.plan_id AND p.status = 'active'
        WHERE o.ended_at IS NULL AND o.expires_on BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR o.organisation_id = $3)
        ORDER BY o.expires_on, a.reference_sort_key`,
      [from, to, scope.organisationId ?? null],
    );
  }

  /**
   * The members holding `role` in the plans named (all plans when none are). A chief officer holds no
   * plan role whatever rows remain (access-policy planRoleOf), so is never one. Deactivated users
   * are filtered when writing.
   */
  planMembers(role: 'board' | 'scrutiny', planIds?: string[], manager: EntityManager = this.dataSource.manager): Promise<PlanMemberRow[]> {
    return manager.query(
      `SELECT pm.plan_id AS "planId", pm.organisation_id AS "organisationId", pm.user_id AS "userId"
         FROM plan_membership pm JOIN "user" u ON u.id = pm.user_id AND u.role <> 'chief_officer'
        WHERE pm.role = $1 AND ($2::uuid[] IS NULL OR pm.plan_id = ANY($2::uuid[]))
        ORDER BY pm.plan_id, pm.user_id`,
      [role, planIds ?? null],
    );
  }

  /**
   * The overdue reminders (milestone_overdue, action_overdue) already written to these recipients
   * about these subjects ('milestone:<id>', 'action:<id>'), whatever their delivery state: the
   * overdue rule's memory.
   */
  overdueSent(items: { recipientId: string; subjectRef: string }[], manager: EntityManager = this.dataSource.manager): Promise<OverdueSentRow[]> {
    if (items.length === 0) return Promise.resolve([]);
    // By (recipient, kind, subject): the outbox key's index.
    return manager.query(
      `SELECT o.recipient_user_id AS "recipientId", o.kind, o.subject_ref AS "subjectRef", o.period
         FROM unnest($1::uuid[], $2::text[]) AS i(recipient_id, subject_ref)
         JOIN outbox_message o ON o.recipient_user_id = i.recipient_id AND o.subject_ref = i.subject_ref
                              AND o.kind IN ('milestone_overdue', 'action_overdue')`,
      [items.map((i) => i.recipientId), items.map((i) => i.subjectRef)],
    );
  }

  /**
   * The weekly digests already written for `week` (ISO week) to these users, as '<recipient> <subjectRef>'
   * (subjectRef 'plan:<id>'), whatever their delivery state: the weekly digest's memory, so a scan
   * later in the week neither writes nor renders one again.
   */
  async weeklyDigestsWritten(week: string, recipientIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (recipientIds.length === 0) return new Set();
    const rows: { recipientId: string; subjectRef: string }[] = await manager.query(
      `SELECT o.recipient_user_id AS "recipientId", o.subject_ref AS "subjectRef"
         FROM outbox_message o
        WHERE o.recipient_user_id = ANY($1::uuid[]) AND o.kind = 'owner_weekly_digest' AND o.period = $2`,
      [recipientIds, week],
    );
    return new Set(rows.map((r) => `${r.recipientId} ${r.subjectRef}`));
  }

  /** Users who put at least one kind on weekly digest. */
  async digestUserIds(manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows: { user_id: string }[] = await manager.query(`SELECT DISTINCT user_id FROM notification_preference WHERE mode = 'weekly_digest'`);
    return new Set(rows.map((r) => r.user_id));
  }

  /**
   * What an evidence-rejected message says: the item, its action and milestone, the uploader, and the
   * reviewer's role (never a name). Only while the uploader can still work on the action (an
   * administrator, a board member of the plan, or its owner holding the owner role, as
   * access-policy canContribute): one who has since left the plan, or become a scrutiny member or a
   * chief officer, or an owner whose action went to someone else, is not sent the action's details
   * (null: no message; the rejection shows on the action's page and in its colour's reasons).
   */
  async rejectedEvidence(manager: EntityManager, organisationId: string, evidenceId: string): Promise<RejectedEvidenceRow | null> {
    const rows: RejectedEvidenceRow[] = await manager.query(
      `SELECT e.organisation_id AS "organisationId", e.id AS "evidenceId", e.file_name AS "fileName", e.uploaded_by_id AS "uploadedById",
              e.review_comment AS "comment", e.reviewed_at AS "reviewedAt", a.id AS "actionId", a.reference, a.title, a.plan_id AS "planId",
              m.id AS "milestoneId", m.title AS "milestoneTitle",
              coalesce(nullif(r.job_title, ''), CASE WHEN r.role = 'admin' THEN 'Administrator' ELSE 'Improvement board member' END) AS "reviewerRole"
         FROM evidence e
         JOIN action a ON a.id = e.action_id
         LEFT JOIN milestone m ON m.id = e.milestone_id
         LEFT JOIN "user" r ON r.id = e.reviewed_by_id
        WHERE e.organisation_id = $1 AND e.id = $2 AND e.review_state = 'rejected'
          AND (EXISTS (SELECT 1 FROM "user" uu WHERE uu.id = e.uploaded_by_id AND uu.role = 'admin')
               OR EXISTS (SELECT 1 FROM plan_membership pm JOIN "user" mu ON mu.id = pm.user_id AND mu.role = 'member'
                           WHERE pm.plan_id = a.plan_id AND pm.user_id = e.uploaded_by_id
                             AND (pm.role = 'board' OR (pm.role = 'owner' AND a.owner_id = e.uploaded_by_id))))`,
      [organisationId, evidenceId],
    );
    return rows[0] ?? null;
  }

  /** A pack with its meeting's committee (for pack-ready and published messages). */
  async pack(manager: EntityManager, organisationId: string, packId: string): Promise<PackRow | null> {
    const rows: PackRow[] = await manager.query(
      `SELECT pk.id, pk.organisation_id AS "organisationId", pk.plan_id AS "planId", pk.title, pk.audience, pk.as_of::text AS "asOf", pk.formats,
              pk.state, c.name AS "committeeName", mt.meets_on::text AS "meetsOn"
         FROM pack pk
         LEFT JOIN meeting mt ON mt.id = pk.meeting_id
         LEFT JOIN committee c ON c.id = mt.committee_id
        WHERE pk.organisation_id = $1 AND pk.id = $2`,
      [organisationId, packId],
    );
    return rows[0] ?? null;
  }
}

export interface RejectedEvidenceRow {
  organisationId: string;
  evidenceId: string;
  fileName: string;
  uploadedById: string;
  comment: string | null;
  reviewedAt: Date;
  actionId: string;
  reference: string;
  title: string;
  planId: string;
  milestoneId: string | null;
  milestoneTitle: string | null;
  reviewerRole: string;
}

export interface PackRow {
  id: string;
  organisationId: string;
  planId: string;
  title: string;
  audience: 'board' | 'scrutiny';
  asOf: CalendarDate;
  formats: string[];
  state: string;
  committeeName: string | null;
  meetsOn: CalendarDate | null;
}
