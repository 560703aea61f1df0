import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { type CalendarDate, londonToday } from '../../common/dates/calendar-date';
import type { RagReason } from '../policy/rag-policy.types';
import { RagPolicyService } from '../settings/rag-policy.service';
import { assembleFacts, countColours, countSettled, evaluateAll, toWriteDocument, type ComputedRag } from './rag-facts';
import { RagFactsRepository, type WriteCounts } from './rag-facts.repository';
import { emptyCounts, RAG_WORST_FIRST, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';

/** Results per write statement: large enough to amortise a round trip, small enough to hold row locks briefly. */
export const WRITE_CHUNK = 5_000;
/**
 * Actions per read from the facts cursors, a fifth of a write. The rows of a read live only until
 * they are evaluated (a write keeps the results, which are smaller). Read 5,000 at a time, half the
 * rows outlived the young generation's collections and were copied to the old one, to be marked
 * and swept there: at 100,000 actions the worker's peak RSS was 28 MB higher, and its CPU on a
 * first run 0.2 s more (bench/rag-first-run.compare.ts, 4 rounds each, 1 December 2026).
 */
export const READ_CHUNK = 1_000;
/** Connections the facts stream holds (two cursors sharing one snapshot). */
const STREAM_CONNECTIONS = 2;

export interface RecomputedAction {
  organisationId: string;
  actionId: string;
  asOf: CalendarDate;
  policyVersion: number;
  colour: RagColour;
  reasons: RagReason[];
  overridden: boolean;
  /**
   * Whether the action's stored colour is this computation's: written now, or already the same
   * (then left as it was). False when the date is not today (only the snapshot is written) or a
   * newer computation won.
   */
  colourWritten: boolean;
  snapshotWritten: boolean;
}

export interface RecomputedOrganisation {
  organisationId: string;
  asOf: CalendarDate;
  policyVersion: number;
  actions: number;
  counts: RagCounts;
  /** Whether the actions' stored (current) colours were written: only for today's date. */
  currentColoursUpdated: boolean;
  /** Stored colours written (they changed), and those already current (left as they were). */
  coloursWritten: number;
  coloursUnchanged: number;
  snapshotsWritten: number;
  /** evaluateMs: Node's share (assembling, evaluating, serialising); the rest overlaps reads and writes. */
  timings: { evaluateMs: number; totalMs: number };
}

export interface EvaluatedOrganisation {
  asOf: CalendarDate;
  policyVersion: number;
  results: ComputedRag[];
}

/** 0-100. */
export type ProgressReporter = (percent: number) => void | Promise<void>;

/**
 * Computes RAG colours with the policy of each action's plan and stores them: on the action (its
 * current colour, only when the reporting date is today) and as the day's snapshot. Used by the
 * worker's jobs, and by packs for a reporting date.
 *
 * Facts are read set-based (two statements for the whole organisation, streamed through cursors
 * a chunk at a time), evaluated by the pure policy in JS, and written back set-based (one statement
 * per chunk of 5,000 for both the colours and the snapshots); nothing is done row by row.
 *
 * A re-run of a date evaluates only the actions whose facts changed since their stored result was
 * computed (action.facts_version, raised by triggers on everything the policy reads): the others
 * are settled in the database and only counted (see actionFactsSql).
 *
 * A recompute for a date other than today evaluates the facts as they stood at the end of that
 * date, with the policy version then in force (the true-history rule, rag-facts.ts), so it gives
 * exactly what that date's nightly run gave; it writes only that date's snapshots, never the
 * actions' current colours.
 */
@Injectable()
export class RagComputeService {
  /** One organisation recompute at a time in this process, which bounds the worker's memory. */
  private organisationQueue: Promise<unknown> = Promise.resolve();
  /**
   * Chunks written at once (the database works on one while Node evaluates the next), within the
   * connection pool: the stream holds two connections for the whole recompute.
   */
  private readonly writesInFlight: number;
  /**
   * When this process first read facts for a computation (database time). Only results computed
   * since then are taken as settled: they are this code's. After a deploy that changed the rules'
   * code (not their settings, which are versioned), a re-run of the same day evaluates every
   * action again instead of keeping the old code's results.
   */
  private firstComputedAt: Date | null = null;

  constructor(
    private readonly facts: RagFactsRepository,
    private readonly policies: RagPolicyService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.writesInFlight = Math.max(1, Math.min(2, config.DATABASE_POOL_SIZE - STREAM_CONNECTIONS));
  }

  /** Today in Europe/London by the injected clock: the default reporting date. */
  today(): CalendarDate {
    return londonToday(this.clock.now());
  }

  /** Null when the action does not exist (deleted since the job was queued, or not this organisation's). */
  async recomputeAction(organisationId: string, actionId: string, asOf: CalendarDate = this.today()): Promise<RecomputedAction | null> {
    // Each plan has its own policy: the action's plan's version in force on that date.
    const planId = await this.facts.planOfAction(organisationId, actionId);
    if (!planId) return null;
    const [policy, computedAt] = await Promise.all([this.policies.inForceOn(organisationId, planId, asOf), this.facts.databaseNow()]);
    this.firstComputedAt ??= computedAt;
    const rows = await this.facts.loadFacts(organisationId, asOf, actionId);
    const [action] = assembleFacts(rows);
    if (!action) return null;
    const [result] = evaluateAll([action], asOf, policy.settings, policy.version);
    const writeCurrent = asOf === this.today();
    const written = await this.facts.writeResults({
      organisationId,
      asOf,
      policyVersion: policy.version,
      computedAt,
      writeCurrent,
      document: toWriteDocument([result]),
    });
    return {
      organisationId,
      actionId,
      asOf,
      policyVersion: policy.version,
      colour: result.colour,
      reasons: result.reasons,
      overridden: result.overridden,
      colourWritten: written.coloursWritten + written.coloursUnchanged > 0,
      snapshotWritten: written.snapshotsWritten > 0,
    };
  }

  /**
   * Every action of the organisation at `asOf`: plan by plan, each with its own policy. Progress
   * (0-100) follows the plans done. `policyVersion` is the highest of the plans' versions (the
   * one plan's when the organisation runs one).
   */
  recomputeOrganisation(organisationId: string, asOf: CalendarDate = this.today(), onProgress?: ProgressReporter): Promise<RecomputedOrganisation> {
    return this.oneAtATime(async () => {
      const planIds = await this.facts.planIdsOf(organisationId);
      const started = Date.now();
      const total: RecomputedOrganisation = {
        organisationId,
        asOf,
        policyVersion: 0,
        actions: 0,
        counts: emptyCounts(RAG_WORST_FIRST),
        currentColoursUpdated: asOf === this.today(),
        coloursWritten: 0,
        coloursUnchanged: 0,
        snapshotsWritten: 0,
        timings: { evaluateMs: 0, totalMs: 0 },
      };
      for (const [i, planId] of planIds.entries()) {
        const scaled = onProgress ? (percent: number) => onProgress(Math.round((100 * i + percent) / planIds.length)) : undefined;
        const one = await this.recomputeOrganisationNow(organisationId, planId, asOf, scaled);
        total.policyVersion = Math.max(total.policyVersion, one.policyVersion);
        total.actions += one.actions;
        for (const colour of RAG_WORST_FIRST) total.counts[colour] += one.counts[colour];
        total.coloursWritten += one.coloursWritten;
        total.coloursUnchanged += one.coloursUnchanged;
        total.snapshotsWritten += one.snapshotsWritten;
        total.timings.evaluateMs += one.timings.evaluateMs;
      }
      if (onProgress && planIds.length === 0) await onProgress(100);
      total.timings.totalMs = Date.now() - started;
      return total;
    });
  }

  /** Every action of one plan at `asOf`; the organisation's other plans are not read or written. */
  recomputePlan(organisationId: string, planId: string, asOf: CalendarDate = this.today(), onProgress?: ProgressReporter): Promise<RecomputedOrganisation> {
    return this.oneAtATime(() => this.recomputeOrganisationNow(organisationId, planId, asOf, onProgress));
  }

  /** A plan's colours at `asOf` without storing anything, all at once (for a plan of thousands; see evaluatePlanChunks). */
  async evaluatePlan(organisationId: string, planId: string, asOf: CalendarDate = this.today()): Promise<EvaluatedOrganisation> {
    const { policyVersion, chunks } = await this.evaluatePlanChunks(organisationId, planId, asOf);
    const results: ComputedRag[] = [];
    for await (const chunk of chunks) for (const r of chunk) results.push(r);
    return { asOf, policyVersion, results };
  }

  /**
   * A plan's colours at `asOf` without storing anything, as chunks of up to `chunkSize` results in
   * action id order, read from one snapshot of the plan as a recompute reads it: a caller comparing
   * them with stored rows holds one chunk, not 100,000 results. No chunk when no action existed.
   * `snapshot`: the facts are read in that exported snapshot (see RagFactsRepository.streamFacts).
   */
  async evaluatePlanChunks(
    organisationId: string,
    planId: string,
    asOf: CalendarDate,
    chunkSize = WRITE_CHUNK,
    snapshot?: string,
  ): Promise<{ policyVersion: number; chunks: AsyncGenerator<ComputedRag[]> }> {
    const policy = await this.policies.inForceOn(organisationId, planId, asOf);
    const facts = this.facts;
    async function* chunks(): AsyncGenerator<ComputedRag[]> {
      for await (const rows of facts.streamFacts(organisationId, asOf, chunkSize, planId, undefined, snapshot)) {
        yield evaluateAll(assembleFacts(rows), asOf, policy.settings);
      }
    }
    return { policyVersion: policy.version, chunks: chunks() };
  }

  /**
   * Streams the facts a chunk at a time (one snapshot of the plan), evaluates each chunk and writes
   * it while the next is read and evaluated: memory stays at a few chunks, and the database and
   * Node work at the same time.
   */
  private async recomputeOrganisationNow(organisationId: string, planId: string, asOf: CalendarDate, onProgress?: ProgressReporter): Promise<RecomputedOrganisation> {
    if (this.config.DATABASE_POOL_SIZE < STREAM_CONNECTIONS + 1) {
      // The stream's two connections and one writer: with fewer, the recompute would wait forever.
      throw new Error(`an organisation recompute needs DATABASE_POOL_SIZE of at least ${STREAM_CONNECTIONS + 1} (it is ${this.config.DATABASE_POOL_SIZE})`);
    }
    const started = Date.now();
    const report = async (percent: number) => {
      if (onProgress) await onProgress(Math.max(0, Math.min(100, Math.round(percent))));
    };
    // computedAt is read before the facts, so it is never later than the state they show. Before
    // this process's first computation, no stored result can be settled (none is this code's).
    const [policy, computedAt, { actions: total, storedForDate }] = await Promise.all([
      this.policies.inForceOn(organisationId, planId, asOf),
      this.facts.databaseNow(),
      this.facts.countActions(organisationId, planId, asOf, this.firstComputedAt),
    ]);
    const computedSince = (this.firstComputedAt ??= computedAt);
    await report(0);

    const writeCurrent = asOf === this.today();
    const counts = emptyCounts(RAG_WORST_FIRST);
    let actions = 0;
    let written = 0;
    let coloursWritten = 0;
    let coloursUnchanged = 0;
    let snapshotsWritten = 0;
    let evaluateMs = 0;
    // Set from the write callbacks; a holder, so the checks below are not narrowed away.
    const failure: { error: Error | null } = { error: null };
    const inFlight: Promise<void>[] = [];

    // What the next write statement holds: results to write, and how many actions it covers.
    let batch: ComputedRag[] = [];
    let batchActions = 0;
    const flush = () => {
      const t = Date.now();
      const chunkSize = batchActions;
      const settled = chunkSize - batch.length;
      const document = batch.length > 0 ? toWriteDocument(batch) : null;
      batch = [];
      batchActions = 0;
      evaluateMs += Date.now() - t;
      const write = document
        ? this.facts.writeResults({ organisationId, asOf, policyVersion: policy.version, computedAt, writeCurrent, document })
        : Promise.resolve<WriteCounts>({ coloursWritten: 0, coloursUnchanged: 0, snapshotsWritten: 0 });
      inFlight.push(
        write
          .then(async (w) => {
            coloursWritten += w.coloursWritten;
            coloursUnchanged += w.coloursUnchanged + settled;
            snapshotsWritten += w.snapshotsWritten;
            written += chunkSize;
            await report((100 * written) / Math.max(total, actions, 1));
          })
          .catch((err: unknown) => {
            failure.error ??= err instanceof Error ? err : new Error(String(err));
          }),
      );
    };

    // Mostly stored for the date from the facts as they are (a re-run): most will come back settled.
    const settle = { policyVersion: policy.version, mostlySettled: storedForDate * 2 >= Math.max(total, 1), computedSince };
    for await (const rows of this.facts.streamFacts(organisationId, asOf, READ_CHUNK, planId, settle)) {
      const t = Date.now();
      // Actions whose stored result is already this one (a re-run of the date, nothing they read
      // has changed) come back settled: counted by their stored colour and as unchanged, neither
      // evaluated nor written.
      const settled = countSettled(rows.actions, counts);
      const results = evaluateAll(assembleFacts(rows), asOf, policy.settings, policy.version);
      countColours(results, counts);
      actions += settled + results.length;
      batchActions += settled + results.length;
      for (const r of results) batch.push(r);
      evaluateMs += Date.now() - t;
      if (batchActions < WRITE_CHUNK) continue;
      flush();
      if (inFlight.length >= this.writesInFlight) await inFlight.shift();
      if (failure.error) break;
    }
    if (batchActions > 0 && !failure.error) flush();
    await Promise.all(inFlight);
    // Every chunk is idempotent, so a failure fails the job and the retry recomputes the lot.
    if (failure.error) throw failure.error;
    await report(100);

    const totalMs = Date.now() - started;
    return {
      organisationId,
      asOf,
      policyVersion: policy.version,
      actions,
      counts,
      currentColoursUpdated: writeCurrent,
      coloursWritten,
      coloursUnchanged,
      snapshotsWritten,
      timings: { evaluateMs, totalMs },
    };
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.organisationQueue.then(work, work);
    this.organisationQueue = run.catch(() => undefined);
    return run;
  }
}
