/**
 * SQL for the status the action `alias` had at the end of a day, `end` being SQL for the first
 * instant after it: the action's own status when it was recorded by then (always so for today: no
 * lookup at all); otherwise the newest row of its status history recorded by then; NULL when it had
 * none, i.e. the action did not exist yet. A NULL recorded time means "unknown, from the beginning"
 * (rows written outside the application). The history is written by triggers on action (migration
 * TrueHistory). Read by the RAG facts of a date and by a pack of that date, so both say the same.
 */
export const statusAtSql = (alias: string, end: string): string =>
  `CASE WHEN ${alias}.status_recorded_at IS NULL OR ${alias}.status_recorded_at < ${end} THEN ${alias}.status
       ELSE (SELECT h.status FROM action_status_history h
             WHERE h.action_id = ${alias}.id AND (h.recorded_at IS NULL OR h.recorded_at < ${end})
             ORDER BY h.recorded_at DESC NULLS LAST, h.id DESC LIMIT 1) END`;
