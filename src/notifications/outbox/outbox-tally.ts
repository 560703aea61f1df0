import type { DataSource } from 'typeorm';
import type { OutboxState } from '../entities/outbox-message.entity';

/** How many outbox messages there are of each kind in each state. */
export interface OutboxTally {
  /** state -> count */
  byState: Record<OutboxState, number>;
  /** kind -> state -> count */
  byKind: Record<string, Partial<Record<OutboxState, number>>>;
  /** Pending messages waiting for a retry (their next attempt later than now). */
  retryLater: number;
}

/**
 * Counts the outbox by kind and state, for every organisation or those whose slug starts with
 * `slugPrefix` (the demo's 'demo-'). Read-only; used by the CLI's `outbox-status` (and so by the demo).
 */
export async function outboxTally(dataSource: DataSource, slugPrefix?: string): Promise<OutboxTally> {
  const rows: { kind: string; state: OutboxState; n: string; later: string }[] = await dataSource.query(
    `SELECT o.kind, o.state, count(*) AS n, count(*) FILTER (WHERE o.state = 'pending' AND o.next_attempt_at > now()) AS later
       FROM outbox_message o
       JOIN organisation org ON org.id = o.organisation_id
      WHERE $1::text IS NULL OR starts_with(org.slug, $1)
      GROUP BY o.kind, o.state
      ORDER BY o.kind, o.state`,
    [slugPrefix ?? null],
  );
  const tally: OutboxTally = { byState: { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }, byKind: {}, retryLater: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    tally.byState[r.state] += n;
    (tally.byKind[r.kind] ??= {})[r.state] = n;
    tally.retryLater += Number(r.later);
  }
  return tally;
}

/** Nothing left to deliver: every message sent, failed for good or skipped. */
export function drained(tally: OutboxTally): boolean {
  return tally.byState.pending === 0 && tally.byState.sending === 0;
}

/** The tally in words, one line per kind with sent messages. */
export function describeTally(tally: OutboxTally): string {
  const s = tally.byState;
  const lines = [`${s.sent} sent, ${s.failed} failed, ${s.skipped} skipped, ${s.pending + s.sending} not yet delivered`];
  const kinds = Object.entries(tally.byKind).filter(([, states]) => (states.sent ?? 0) > 0);
  for (const [kind, states] of kinds) lines.push(`  ${kind.padEnd(26)} ${String(states.sent).padStart(4)} sent`);
  return `${lines.join('\n')}\n`;
}
