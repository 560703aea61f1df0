import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many of a plan's actions have each stored colour, overall ('all', group = the plan) and by
 * workstream, notice, inspection and regulator (an action answering two findings under one notice
 * counts once for it): the dashboard's roll-ups read in one small query instead of grouping
 * 100,000 actions and their finding links per request. Colour 'none' is an action whose colour is
 * not computed yet. Kept exact by statement-level triggers on action, action_finding, finding and
 * inspection (migration DashboardCounts), in the same transaction as the write. Rows may hold 0.
 */
@Entity('plan_colour_count')
export class PlanColourCountEntity {
  @PrimaryColumn('uuid')
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  kind: string;

  @PrimaryColumn('uuid')
  groupId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  colour: string;

  @Column('uuid')
  organisationId: string;

  @Column('int')
  count: number;
}
