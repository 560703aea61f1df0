import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per-plan counts by day, kept by statement-level triggers (migration DashboardCounts), so that the
 * dashboard's date-dependent counts are sums over a few hundred rows at any reporting date:
 * - 'milestone_open': milestones not completed (completed_on null), by due date;
 * - 'evidence_waiting': evidence submitted, not withdrawn, not reviewed, by London upload day;
 * - 'action_quiet': started, unfinished actions (in_progress, blocked), by the day of their latest
 *   progress update (or start date when they have none).
 * Rows may hold 0.
 */
@Entity('plan_day_count')
export class PlanDayCountEntity {
  @PrimaryColumn('uuid')
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column('uuid')
  organisationId: string;

  @Column('int')
  count: number;
}
