import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (functions' settings; the CLI cannot generate them). The statement-level triggers
 * that join a write's old rows to its new rows by key, the dashboard counts' trigger on action
 * UPDATE and the trend counts' trigger on rag_snapshot UPDATE, never join them by nested loop.
 *
 * PL/pgSQL plans a trigger function's statement once per session and keeps that plan, and the
 * plan carries the row counts the transition tables had when it was made (a statement that
 * references no variable is never re-planned for new counts). A session whose first such write
 * touched no row kept a plan for one row on each side: a nested loop comparing every old row with
 * every new one. In the worker that happens: a recompute's write for an earlier date runs the
 * action UPDATE with no row, as does a one-action recompute that finds nothing changed. The next
 * full recompute on that connection then compared 25,000,000 pairs per 5,000-row chunk: on a
 * 100,000-action plan each chunk's write took 5-8 s instead of well under one (the dashboard
 * bench's recompute of 11 earlier dates and today, 2 December), and in psql on a quiet VM a
 * 5,000-row UPDATE after an UPDATE of no row in the same session took 2.7 s against 0.3-0.4 s
 * (action) and 2.9 s against 0.14-0.15 s (rag_snapshot); 9.1 s and 8.0-9.8 s under load.
 * Without nested loops the planner hash-joins the two transition tables whatever counts it
 * assumed; the action trigger's LATERAL lookups of an action's finding links and latest progress
 * update stay nested loops (a LATERAL reference leaves no other way).
 * dashboard_counts_progress_update_update already ran so (DashboardCountsProgressUpdateJoins).
 *
 * The same kept plan hurt the other way too, mended apart (migration FactsVersionByIdLookup): the
 * facts-version triggers (RagFactsVersion) marked the actions a write touched with `UPDATE action
 * ... WHERE a.id IN (<the transition table's action ids>)`, and a session whose first such write
 * was a bulk one kept a hash semi-join over every action for each one-row write after (one
 * milestone UPDATE 58-62 ms against 1.1-1.3 ms at 100,000 actions). Turning hash joins off in them
 * was tried and not kept: for a 400,000-row INSERT the planner then chose a nested loop over every
 * action times the transition table (a 100,000-action bench seed, one minute without the change,
 * was still in that INSERT after ten). They now gather the ids into an array and find each by
 * action's primary key, at any count.
 *
 * Tested in test/transition-table-plans.e2e-spec.ts (the plans, read from auto_explain).
 */
/** Functions joining a write's old rows to its new rows: by hash only. */
const OLD_TO_NEW = ['dashboard_counts_action_update()', 'rag_trend_count_on_update()'];

export class TransitionJoinsByHash1796200000000 implements MigrationInterface {
  name = 'TransitionJoinsByHash1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const fn of OLD_TO_NEW) await queryRunner.query(`ALTER FUNCTION ${fn} SET enable_nestloop = off`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of OLD_TO_NEW) await queryRunner.query(`ALTER FUNCTION ${fn} RESET enable_nestloop`);
  }
}
