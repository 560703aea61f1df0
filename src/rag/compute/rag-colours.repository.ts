import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { analyticQuery } from './analytic-query';
import type { GroupColourCount, RollUpKind } from './rag-roll-up';
import type { RagColour } from '../../vocabulary/rag-colour';

/** Where colours are read from: the actions' stored (current) colours, or one date's snapshots. */
export type ColourSource = { kind: 'stored' } | { kind: 'snapshot'; asOf: CalendarDate };

/**
 * Colour counts grouped in the database (GROUP BY), never one row per action to Node: the
 * dashboard and the roll-ups stay fast at 100,000 actions. An action answering two findings under
 * the same notice counts once for that notice (and likewise for inspections and regulators).
 */
@Injectable()
export class RagColoursRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `planId`: one plan's actions only (null: the whole organisation's). */
  async countsByGroup(organisationId: string, source: ColourSource, kinds: readonly RollUpKind[], planId: string | null = null): Promise<GroupColourCount[]> {
    if (source.kind === 'stored' && planId !== null && !kinds.includes('finding')) return this.keptCounts(organisationId, planId, kinds);
    const colours =
      source.kind === 'stored'
        ? `SELECT a.id AS action_id, a.workstream_id, a.rag_colour AS colour FROM action a WHERE a.organisation_id = $1 AND ($2::uuid IS NULL OR a.plan_id = $2)`
        : `SELECT s.action_id, a.workstream_id, s.colour FROM rag_snapshot s JOIN action a ON a.id = s.action_id
           WHERE s.organisation_id = $1 AND s.as_of = $3::date AND ($2::uuid IS NULL OR a.plan_id = $2)`;
    const params: unknown[] = source.kind === 'stored' ? [organisationId, planId] : [organisationId, planId, source.asOf];
    // lc: each (action, finding) link with the action's colour and the finding's notice,
    // inspection and regulator, joined once; an action is then counted once per group.
    const distinctBy = (column: string, kind: RollUpKind) =>
      `SELECT '${kind}' AS kind, x.group_id::text, x.colour, count(*)::int AS count
       FROM (SELECT DISTINCT lc.${column} AS group_id, lc.action_id, lc.colour FROM lc WHERE lc.${column} IS NOT NULL) x
       GROUP BY x.group_id, x.colour`;
    const parts: Record<RollUpKind, string> = {
      all: `SELECT 'all' AS kind, NULL::text AS group_id, c.colour, count(*)::int AS count FROM c GROUP BY c.colour`,
      workstream: `SELECT 'workstream' AS kind, c.workstream_id::text, c.colour, count(*)::int AS count FROM c GROUP BY c.workstream_id, c.colour`,
      finding: `SELECT 'finding' AS kind, lc.finding_id::text, lc.colour, count(*)::int AS count FROM lc GROUP BY lc.finding_id, lc.colour`,
      notice: distinctBy('notice_id', 'notice'),
      inspection: distinctBy('inspection_id', 'inspection'),
      regulator: distinctBy('regulator_id', 'regulator'),
    };
    if (kinds.length === 0) return [];
    const needsLinks = kinds.some((k) => k !== 'all' && k !== 'workstream');
    const sql = `
      WITH c AS MATERIALIZED (${colours})
      ${
        needsLinks
          ? `, lc AS MATERIALIZED (
               SELECT af.action_id, af.finding_id, f.notice_id, f.inspection_id, i.regulator_id, c.colour
               FROM action_finding af
               JOIN c ON c.action_id = af.action_id
               JOIN finding f ON f.id = af.finding_id
               LEFT JOIN inspection i ON i.id = f.inspection_id
               WHERE af.organisation_id = $1)`
          : ''
      }
      ${kinds.map((k) => parts[k]).join('\nUNION ALL\n')}`;
    const rows = await analyticQuery<{ kind: RollUpKind; group_id: string | null; colour: RagColour | null; count: number }[]>(this.dataSource, sql, params);
    return rows.map((r) => ({ kind: r.kind, groupId: r.group_id, colour: r.colour, count: r.count }));
  }

  /**
   * One plan's stored colours counted by group, read from plan_colour_count: the triggers of
   * migration DashboardCounts keep it equal to the GROUP BY below as actions, their finding links,
   * findings and inspections are written (a few dozen rows, not 100,000 actions and their links).
   */
  async keptCounts(organisationId: string, planId: string, kinds: readonly RollUpKind[]): Promise<GroupColourCount[]> {
    const rows = await this.dataSource.query<{ kind: RollUpKind; group_id: string; colour: string; count: number }[]>(
      `SELECT kind, group_id, colour, count FROM plan_colour_count
        WHERE plan_id = $2 AND organisation_id = $1 AND kind = ANY($3::text[]) AND count <> 0`,
      [organisationId, planId, kinds],
    );
    return rows.map((r) => ({
      kind: r.kind,
      groupId: r.kind === 'all' ? null : r.group_id,
      colour: r.colour === 'none' ? null : (r.colour as RagColour),
      count: r.count,
    }));
  }

  /**
   * Whether any snapshot exists for the date (the dashboard says so rather than inventing counts):
   * the plan's, when one is named (rag_trend_count, which triggers keep equal to its snapshots),
   * not another plan's of the organisation.
   */
  async hasSnapshots(organisationId: string, asOf: CalendarDate, planId: string | null = null): Promise<boolean> {
    const rows = await this.dataSource.query<{ found: boolean }[]>(
      planId
        ? `SELECT EXISTS (SELECT 1 FROM rag_trend_count WHERE plan_id = $3 AND as_of = $2::date AND organisation_id = $1 AND count > 0) AS found`
        : `SELECT EXISTS (SELECT 1 FROM rag_snapshot WHERE organisation_id = $1 AND as_of = $2::date) AS found`,
      planId ? [organisationId, asOf, planId] : [organisationId, asOf],
    );
    return rows[0].found;
  }
}
