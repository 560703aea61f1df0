/**
 * SQL for an action's start date, due date and progress percent, and a milestone's due date, as they
 * stood at the end of a day, `end` being SQL for the first instant after it (the true-history rule,
 * src/rag/compute/rag-facts.ts; migration TrueHistoryOfDates). The row's own values when they were
 * recorded by then, or have no recorded time (always so for today: no lookup at all); otherwise the
 * values the first change after then replaced (the oldest history row superseded at or after
 * `end`). A recorded time with no history row after it (the time set without a change, by raw SQL)
 * falls back to the row's own values. Read by the RAG facts of a date and by a pack of that date,
 * so both say the same.
 */
const replacedAfter = (table: string, key: string, alias: string, end: string, column: string): string =>
  `(SELECT ${column} FROM ${table} h WHERE h.${key} = ${alias}.id AND h.superseded_at >= ${end} ORDER BY h.superseded_at, h.id LIMIT 1)`;

export interface ActionDatesAtSql {
  startDate: string;
  dueDate: string;
  progressPercent: string;
}

export function actionDatesAtSql(alias: string, end: string): ActionDatesAtSql {
  const current = `(${alias}.dates_recorded_at IS NULL OR ${alias}.dates_recorded_at < ${end})`;
  const before = (column: string) => replacedAfter('action_dates_history', 'action_id', alias, end, column);
  return {
    // A start date may be NULL: '' tells "no start date then" from "no history row" (NULL).
    startDate: `CASE WHEN ${current} THEN ${alias}.start_date
                     ELSE NULLIF(coalesce(${before(`coalesce(h.start_date::text, '')`)}, ${alias}.start_date::text, ''), '')::date END`,
    dueDate: `CASE WHEN ${current} THEN ${alias}.due_date ELSE coalesce(${before('h.due_date')}, ${alias}.due_date) END`,
    progressPercent: `CASE WHEN ${current} THEN ${alias}.progress_percent ELSE coalesce(${before('h.progress_percent')}, ${alias}.progress_percent) END`,
  };
}

export const milestoneDueAtSql = (alias: string, end: string): string =>
  `CASE WHEN ${alias}.due_date_recorded_at IS NULL OR ${alias}.due_date_recorded_at < ${end} THEN ${alias}.due_date
        ELSE coalesce(${replacedAfter('milestone_due_history', 'milestone_id', alias, end, 'h.due_date')}, ${alias}.due_date) END`;
