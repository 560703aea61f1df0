import { describeTally, drained, type OutboxTally } from './outbox-tally';

const tally = (over: Partial<OutboxTally['byState']>, byKind: OutboxTally['byKind'] = {}): OutboxTally => ({
  byState: { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, ...over },
  byKind,
  retryLater: 0,
});

describe('outbox tally (the CLI outbox-status)', () => {
  it('is drained only when nothing is pending or being sent', () => {
    expect(drained(tally({ sent: 3, failed: 1, skipped: 2 }))).toBe(true);
    expect(drained(tally({ sent: 3, pending: 1 }))).toBe(false);
    expect(drained(tally({ sending: 1 }))).toBe(false);
  });

  it('says the totals, then one line per kind with sent messages', () => {
    const text = describeTally(tally({ sent: 5, failed: 1, pending: 2, sending: 1 }, { action_due_7d: { sent: 4 }, owner_weekly_digest: { sent: 1, failed: 1 }, update_due: { pending: 2 } }));
    expect(text).toBe(['5 sent, 1 failed, 0 skipped, 3 not yet delivered', `  ${'action_due_7d'.padEnd(26)}    4 sent`, `  ${'owner_weekly_digest'.padEnd(26)}    1 sent`, ''].join('\n'));
  });
});
