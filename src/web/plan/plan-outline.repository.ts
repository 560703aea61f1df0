import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RagColour } from '../../vocabulary/rag-colour';
import type { ActionStatus } from '../../vocabulary/action-status';

/** One action answering one finding, with what the plan page shows of the action. */
export interface FindingActionRow {
  findingId: string;
  actionId: string;
  reference: string;
  title: string;
  status: ActionStatus;
  colour: RagColour | null;
  ownerName: string;
}

/**
 * The one query of "The plan" page the API has no list for: which actions answer which finding
 * (the many-to-many links), in one set-based statement rather than a list call per finding.
 */
@Injectable()
export class PlanOutlineRepository {
  constructor(private readonly dataSource: DataSource) {}

  findingActions(organisationId: string, planId: string): Promise<FindingActionRow[]> {
    return this.dataSource.query<FindingActionRow[]>(
      `SELECT af.finding_id AS "findingId", a.id AS "actionId", a.reference, a.title, a.status, a.rag_colour AS colour, u.name AS "ownerName"
         FROM action_finding af
         JOIN action a ON a.id = af.action_id
         JOIN "user" u ON u.id = a.owner_id
        WHERE a.organisation_id = $1 AND a.plan_id = $2
        ORDER BY a.reference_sort_key, a.reference`,
      [organisationId, planId],
    );
  }
}
