import { Logger } from '@nestjs/common';
import { FixedClock } from '../../common/clock/clock';
import type { AppConfig } from '../../config/app-config';
import type { RagPendingRepository } from '../pending/rag-pending.repository';
import type { CatchUpOutcome, RagTriggerService } from '../rag-trigger.service';
import { BACKFILL_PER_ROUND, BACKFILL_WINDOW_DAYS, backfillWindow, RagReconciler } from './rag-reconciler.service';
import type { LostPlanDay, SnapshotCoverageRepository } from './snapshot-coverage.repository';

const ORG = '11111111-1111-4111-8111-111111111111';
const PLAN_A = '33333333-3333-4333-8333-333333333333';
const PLAN_B = '44444444-4444-4444-8444-444444444444';
const TODAY = '2026-11-23';

/** The reconciler with its repositories and trigger stubbed: no plan short of today, `lost` the days the counts find, `outcome` what catchUpPlanDay answers. */
function setUp(lost: LostPlanDay[], outcome: (day: LostPlanDay, rerunCompleted: boolean) => CatchUpOutcome = () => 'added', now = `${TODAY}T03:00:00Z`) {
  const coverage = { activePlanCoverage: jest.fn(async () => []), missingSinceLastColouredDay: jest.fn(), lostDays: jest.fn(async () => lost) };
  const trigger = {
    catchUpPlanDay: jest.fn(async (asOf: string, organisationId: string, planId: string, rerunCompleted: boolean) => outcome({ organisationId, planId, asOf }, rerunCompleted)),
  };
  const clock = new FixedClock(new Date(now));
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const sut = new RagReconciler(
    coverage as unknown as SnapshotCoverageRepository,
    {} as RagPendingRepository,
    trigger as unknown as RagTriggerService,
    clock,
    { RAG_NIGHTLY_CRON: '0 2 * * *' } as AppConfig,
  );
  return { sut, coverage, trigger, clock, warn };
}

describe('backfillWindow', () => {
  it('is the BACKFILL_WINDOW_DAYS before today, yesterday included, today not', () => {
    expect(BACKFILL_WINDOW_DAYS).toBe(14);
    expect(backfillWindow(TODAY)).toEqual({ from: '2026-11-09', to: '2026-11-22' });
  });

  it('counts calendar days across a month, a year and the clocks changing', () => {
    expect(backfillWindow('2026-03-02')).toEqual({ from: '2026-02-16', to: '2026-03-01' });
    expect(backfillWindow('2027-01-05')).toEqual({ from: '2026-12-22', to: '2027-01-04' });
    expect(backfillWindow('2026-11-03')).toEqual({ from: '2026-10-20', to: '2026-11-02' });
  });
});

describe('RagReconciler.reconcile: whole days lost', () => {
  afterEach(() => jest.restoreAllMocks());

  it("asks the counts for the window's lost days, at most BACKFILL_PER_ROUND, and queues each as that day's catch-up", async () => {
    const lost = [
      { organisationId: ORG, planId: PLAN_A, asOf: '2026-11-21' },
      { organisationId: ORG, planId: PLAN_A, asOf: '2026-11-22' },
      { organisationId: ORG, planId: PLAN_B, asOf: '2026-11-22' },
    ];
    const { sut, coverage, trigger, warn } = setUp(lost);
    const report = await sut.reconcile();
    expect(coverage.lostDays).toHaveBeenCalledWith('2026-11-09', '2026-11-22', BACKFILL_PER_ROUND);
    expect(trigger.catchUpPlanDay.mock.calls.map((c) => [c[0], c[2]])).toEqual([
      ['2026-11-21', PLAN_A],
      ['2026-11-22', PLAN_A],
      ['2026-11-22', PLAN_B],
    ]);
    expect(report.backfilled).toEqual([
      { organisationId: ORG, planId: PLAN_A, dates: ['2026-11-21', '2026-11-22'] },
      { organisationId: ORG, planId: PLAN_B, dates: ['2026-11-22'] },
    ]);
    // One warning per plan, with its dates.
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith({ organisationId: ORG, planId: PLAN_A, dates: ['2026-11-21', '2026-11-22'] }, expect.stringContaining('past days'));
  });

  it('reports only the days it queued: a job still waiting or running is left to it', async () => {
    const lost = [
      { organisationId: ORG, planId: PLAN_A, asOf: '2026-11-21' },
      { organisationId: ORG, planId: PLAN_A, asOf: '2026-11-22' },
    ];
    const { sut, warn } = setUp(lost, (day) => (day.asOf === '2026-11-21' ? 'pending' : 'retried'));
    expect((await sut.reconcile()).backfilled).toEqual([{ organisationId: ORG, planId: PLAN_A, dates: ['2026-11-22'] }]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('sends a completed job of a day still lost round again at most once an hour', async () => {
    const lost = [{ organisationId: ORG, planId: PLAN_A, asOf: '2026-11-21' }];
    // The job completed, yet the day has no snapshot: catchUpPlanDay re-runs it only when allowed.
    const { sut, trigger, clock, warn } = setUp(lost, (_day, rerunCompleted) => (rerunCompleted ? 'rerun' : 'held'));
    expect((await sut.reconcile()).backfilled).toHaveLength(1);
    expect(trigger.catchUpPlanDay).toHaveBeenLastCalledWith('2026-11-21', ORG, PLAN_A, true);
    clock.set(`${TODAY}T03:59:00Z`);
    warn.mockClear();
    expect((await sut.reconcile()).backfilled).toEqual([]);
    expect(trigger.catchUpPlanDay).toHaveBeenLastCalledWith('2026-11-21', ORG, PLAN_A, false);
    expect(warn).toHaveBeenCalledWith({ organisationId: ORG, planId: PLAN_A, asOf: '2026-11-21' }, expect.stringContaining('not re-run until the hour is out'));
    clock.set(`${TODAY}T04:00:00Z`);
    await sut.reconcile();
    expect(trigger.catchUpPlanDay).toHaveBeenLastCalledWith('2026-11-21', ORG, PLAN_A, true);
  });

  it("before today's nightly time and its grace, looks for nothing", async () => {
    const { sut, coverage } = setUp([{ organisationId: ORG, planId: PLAN_A, asOf: '2026-11-21' }], () => 'added', `${TODAY}T02:15:00Z`);
    expect(await sut.reconcile()).toEqual({ day: null, checked: 0, requeued: [], backfilled: [] });
    expect(coverage.lostDays).not.toHaveBeenCalled();
  });
});
