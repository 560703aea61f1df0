import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { RagReason } from '../policy/rag-policy.types';
import { RagComputeService } from '../compute/rag-compute.service';
import type { ComputedRag } from '../compute/rag-facts';

/** What a snapshot says, in the terms a check compares. */
export interface SnapshotResult {
  colour: string;
  overridden: boolean;
  reasons: RagReason[];
  computedColour: string | null;
  computedReasons: RagReason[] | null;
  policyVersion: number;
}

export interface SnapshotDifference {
  actionId: string;
  reference: string;
  /** Null: the facts as they stood that day give the action no colour (it did not exist yet). */
  fromFacts: SnapshotResult | null;
  stored: SnapshotResult;
}

/** One plan's snapshots of one date, against an evaluation of that date from scratch. */
export interface DateCheck {
  organisationId: string;
  organisationName: string;
  planId: string;
  planTitle: string;
  asOf: CalendarDate;
  snapshots: number;
  differing: SnapshotDifference[];
  /**
   * When some differ: the packs generated for this date (a pack reads its date's snapshots), so
   * the papers that may have shown the wrong colours can be found. `publishedOn` is a London date.
   */
  packs: { id: string; title: string; audience: string; publishedOn: CalendarDate | null }[];
  /** With repair, after the date's recompute: the snapshots that still differ (none when repaired). */
  stillDiffering?: number;
}

export interface HistoryCheckOptions {
  organisationId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  /** Recompute each date whose snapshots differ (as that date's nightly run would), then check it again. */
  repair?: boolean;
}

interface StoredRow extends SnapshotResult {
  actionId: string;
  reference: string;
}

/**
 * Checks the RAG history: every stored snapshot against what the policy gives from the facts as
 * they stood at the end of its date, with the policy version then in force (the true-history rule
 * that a recompute of a past date follows). A snapshot differs when a nightly run stored a wrong
 * result (as re-runs did before 2 December 2026: an overdue milestone missing) or someone changed
 * it behind the application's back. Repair recomputes those dates only.
 *
 * Actions with no snapshot for a date are not reported: a date may hold only the snapshots of
 * one-action recomputes when its nightly run did not happen.
 */
@Injectable()
export class RagHistoryCheckService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compute: RagComputeService,
  ) {}

  /** Plan by plan (organisations and plans by name), each plan's dates oldest first: a long history reports as it goes. */
  async *check(options: HistoryCheckOptions = {}): AsyncGenerator<DateCheck> {
    const dates = await this.dataSource.query<{ organisationId: string; organisationName: string; planId: string; planTitle: string; asOf: CalendarDate }[]>(
      `SELECT d.organisation_id AS "organisationId", o.name AS "organisationName", d.plan_id AS "planId", p.title AS "planTitle", d.as_of::text AS "asOf"
       FROM (SELECT DISTINCT organisation_id, plan_id, as_of FROM rag_snapshot
             WHERE ($1::uuid IS NULL OR organisation_id = $1) AND ($2::date IS NULL OR as_of >= $2) AND ($3::date IS NULL OR as_of <= $3)) d
       JOIN organisation o ON o.id = d.organisation_id JOIN plan p ON p.id = d.plan_id
       ORDER BY o.name, d.organisation_id, p.title, d.plan_id, d.as_of`,
      [options.organisationId ?? null, options.from ?? null, options.to ?? null],
    );
    for (const { organisationId, organisationName, planId, planTitle, asOf } of dates) {
      const checked = await this.checkDate(organisationId, planId, asOf);
      const result: DateCheck = { organisationName, planTitle, ...checked, packs: checked.differing.length > 0 ? await this.packsOf(planId, asOf) : [] };
      if (options.repair && result.differing.length > 0) {
        await this.compute.recomputePlan(organisationId, planId, asOf);
        result.stillDiffering = (await this.checkDate(organisationId, planId, asOf)).differing.length;
      }
      yield result;
    }
  }

  private async checkDate(organisationId: string, planId: string, asOf: CalendarDate): Promise<Omit<DateCheck, 'organisationName' | 'planTitle' | 'packs'>> {
    const [stored, evaluated] = await Promise.all([this.stored(planId, asOf), this.compute.evaluatePlan(organisationId, planId, asOf)]);
    const fromFacts = new Map(evaluated.results.map((r) => [r.actionId, asSnapshot(r, evaluated.policyVersion)]));
    const differing: SnapshotDifference[] = [];
    for (const { actionId, reference, ...snapshot } of stored) {
      const expected = fromFacts.get(actionId) ?? null;
      if (!expected || !sameResult(expected, snapshot)) differing.push({ actionId, reference, fromFacts: expected, stored: snapshot });
    }
    return { organisationId, planId, asOf, snapshots: stored.length, differing };
  }

  private packsOf(planId: string, asOf: CalendarDate): Promise<DateCheck['packs']> {
    return this.dataSource.query(
      `SELECT id, title, audience, (published_at AT TIME ZONE 'Europe/London')::date::text AS "publishedOn"
       FROM pack WHERE plan_id = $1 AND as_of = $2 AND state = 'ready' ORDER BY created_at, id`,
      [planId, asOf],
    );
  }

  private async stored(planId: string, asOf: CalendarDate): Promise<StoredRow[]> {
    const rows = await this.dataSource.query<StoredRow[]>(
      `SELECT s.action_id AS "actionId", a.reference, s.colour, s.overridden, s.reasons, s.computed_colour AS "computedColour",
              s.computed_reasons AS "computedReasons", s.policy_version AS "policyVersion"
       FROM rag_snapshot s JOIN action a ON a.id = s.action_id
       WHERE s.plan_id = $1 AND s.as_of = $2 ORDER BY a.reference, s.action_id`,
      [planId, asOf],
    );
    return rows.map((r) => ({ ...r, reasons: comparable(r.reasons), computedReasons: r.computedReasons ? comparable(r.computedReasons) : null }));
  }
}

/** Reasons with their keys in one order (jsonb keeps its own), so they compare as text. */
function comparable(reasons: readonly RagReason[]): RagReason[] {
  return reasons.map(({ code, colour, text }) => ({ code, colour, text }));
}

function sameResult(a: SnapshotResult, b: SnapshotResult): boolean {
  return (
    a.colour === b.colour &&
    a.overridden === b.overridden &&
    a.computedColour === b.computedColour &&
    a.policyVersion === b.policyVersion &&
    JSON.stringify(a.reasons) === JSON.stringify(b.reasons) &&
    JSON.stringify(a.computedReasons) === JSON.stringify(b.computedReasons)
  );
}

function asSnapshot(r: ComputedRag, policyVersion: number): SnapshotResult {
  return {
    colour: r.colour,
    overridden: r.overridden,
    reasons: comparable(r.reasons),
    computedColour: r.computedColour ?? null,
    computedReasons: r.computedReasons ? comparable(r.computedReasons) : null,
    policyVersion,
  };
}
