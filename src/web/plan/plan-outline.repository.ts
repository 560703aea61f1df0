import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RagColour } from '../../vocabulary/rag-colour';
import type { ActionStatus } from '../../vocabulary/action-status';

/**
 * How many of a finding's actions the plan page lists (by reference); the rest are a link to the
 * actions list filtered by the finding. A finding answered by a few actions, as in every plan a
 * council runs, shows them all; a plan of thousands stays one page of bounded size.
 */
export const FINDING_ACTIONS_SHOWN = 10;

/** One action answering one finding, with what the plan page shows of the action. */
export interface FindingActionRow {
  findingId: string;
  actionId: string;
  reference: string;
  title: string;
  status: ActionStatus;
  colour: RagColour | null;
  ownerName: string;
  /** How many actions answer the finding in all (the same on each of its rows). */
  total: number;
}

/**
 * The one query of "The plan" page the API has no list for: which actions answer which finding
 * (the many-to-many links), in one set-based statement rather than a list call per finding.
 */
@Injectable()
export class PlanOutlineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The first `shown` actions of each finding by reference, each with its finding's total. At
   * 100,000 actions (133,000 links over 200 findings) this is 0.3-0.4 s of SQL and 2,000 rows,
   * where every link (133,000 rows) took 0.9 s to read and 5 s more to render.
   */
  findingActions(organisationId: string, planId: string, shown = FINDING_ACTIONS_SHOWN): Promise<FindingActionRow[]> {
    return this.dataSource.query<FindingActionRow[]>(
      `SELECT l."findingId", l."actionId", l.reference, l.title, l.status, l.colour, u.name AS "ownerName", l.total
         FROM (SELECT af.finding_id AS "findingId", a.id AS "actionId", a.reference, a.title, a.status, a.rag_colour AS colour,
                      a.owner_id, a.reference_sort_key,
                      row_number() OVER (PARTITION BY af.finding_id ORDER BY a.reference_sort_key, a.reference, a.id) AS n,
                      (count(*) OVER (PARTITION BY af.finding_id))::int AS total
                 FROM action_finding af
                 JOIN action a ON a.id = af.action_id
                WHERE a.organisation_id = $1 AND a.plan_id = $2) l
         JOIN "user" u ON u.id = l.owner_id
        WHERE l.n <= $3
        ORDER BY l.reference_sort_key, l.reference`,
      [organisationId, planId, shown],
    );
  }

  /**
   * The plan's findings for the actions list's finding filter: reference and title only (the API's
   * finding list also rolls up every finding's actions, 0.2-0.3 s at 100,000 actions), by reference.
   */
  async findingOptions(organisationId: string, planId: string): Promise<{ id: string; reference: string; title: string }[]> {
    const rows = await this.dataSource.query<{ id: string; reference: string; title: string }[]>(
      `SELECT id, reference, title FROM finding WHERE organisation_id = $1 AND plan_id = $2`,
      [organisationId, planId],
    );
    return rows.sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }));
  }
}
