/**
 * Rows streamed in action-id order (the action's id first in each row), handed out per chunk of
 * actions: those up to and including the chunk's last action id. Rows fetched beyond it wait for
 * the next chunk. The recompute merges the open milestones into its actions this way, and the
 * history check the stored snapshots into its evaluated results.
 */
export class ActionIdMerge<Row extends readonly [string, ...unknown[]]> {
  private pending: Row[] = [];
  private done = false;
  /** The next batch, asked for as soon as the previous one arrived, so it is ready when needed. */
  private prefetch: Promise<Row[]> | null = null;

  constructor(
    private readonly fetch: (count: number) => Promise<Row[]>,
    private readonly batchSize: number,
  ) {}

  /** Starts the first fetch now, so the database sorts its rows while the caller reads others. */
  prime(): void {
    if (this.prefetch || this.done || this.pending.length > 0) return;
    this.prefetch = this.fetch(this.batchSize);
    this.prefetch.catch(() => undefined);
  }

  async upTo(lastActionId: string): Promise<Row[]> {
    // No id compares as never reached: every row of the chunk would be silently dropped.
    if (typeof lastActionId !== 'string') throw new Error(`a chunk of actions must end on an action id (got ${String(lastActionId)})`);
    return this.take(lastActionId);
  }

  /** Every row not handed out yet: those beyond the last chunk. */
  rest(): Promise<Row[]> {
    return this.take(null);
  }

  private async take(lastActionId: string | null): Promise<Row[]> {
    const taken: Row[] = [];
    for (;;) {
      let i = 0;
      // Ids compare as text in the same order PostgreSQL sorts uuids (fixed-width lower-case hex).
      while (i < this.pending.length && (lastActionId === null || this.pending[i][0] <= lastActionId)) i++;
      for (let k = 0; k < i; k++) taken.push(this.pending[k]);
      this.pending = i === this.pending.length ? [] : this.pending.slice(i);
      if (this.pending.length > 0 || this.done) return taken;
      const next = await (this.prefetch ?? this.fetch(this.batchSize));
      this.prefetch = null;
      if (next.length < this.batchSize) this.done = true;
      else {
        this.prefetch = this.fetch(this.batchSize);
        // Observed here so a failure while nobody waits is not unhandled; it rejects the next upTo.
        this.prefetch.catch(() => undefined);
      }
      this.pending = next;
      if (next.length === 0) return taken;
    }
  }
}
