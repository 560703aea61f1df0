import { AppException } from '../common/errors/app.exception';
import { ActionStatusState, applyStatusChange, NEW_ACTION_STATE } from './action-status';

const today = '2026-11-23';
const inProgress: ActionStatusState = { status: 'in_progress', progressPercent: 40, completedOn: null, effectivenessCheckDue: null, embeddedOn: null };
const complete: ActionStatusState = { status: 'complete', progressPercent: 100, completedOn: '2026-10-01', effectivenessCheckDue: '2026-12-30', embeddedOn: null };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppException);
    expect((e as AppException).status).toBe(400);
    return ((e as AppException).details as { field: string }[])[0].field;
  }
  throw new Error('expected a 400');
}

describe('applyStatusChange', () => {
  it('returns only the status-driven fields, whatever else the current state carries', () => {
    const entityLike = { ...inProgress, id: 'x', version: 7, title: 'T' };
    expect(Object.keys(applyStatusChange(entityLike, {}, today)).sort()).toEqual(['completedOn', 'effectivenessCheckDue', 'embeddedOn', 'progressPercent', 'status']);
  });

  it('leaves a plain progress change alone', () => {
    expect(applyStatusChange(inProgress, { progressPercent: 60 }, today)).toEqual({ ...inProgress, progressPercent: 60 });
  });

  it('completing stamps completedOn today, the check 90 days on, and progress 100', () => {
    expect(applyStatusChange(inProgress, { status: 'complete' }, today)).toEqual({
      status: 'complete',
      progressPercent: 100,
      completedOn: '2026-11-23',
      effectivenessCheckDue: '2027-02-21',
      embeddedOn: null,
    });
  });

  it('takes a given effectiveness check date, but not one before completion', () => {
    expect(applyStatusChange(inProgress, { status: 'complete', effectivenessCheckDue: '2027-01-15' }, today).effectivenessCheckDue).toBe('2027-01-15');
    expect(fieldOf(() => applyStatusChange(inProgress, { status: 'complete', effectivenessCheckDue: '2026-11-01' }, today))).toBe('effectivenessCheckDue');
  });

  it('refuses progress other than 100 for a complete action', () => {
    expect(fieldOf(() => applyStatusChange(inProgress, { status: 'complete', progressPercent: 80 }, today))).toBe('progressPercent');
    expect(fieldOf(() => applyStatusChange(complete, { progressPercent: 90 }, today))).toBe('progressPercent');
    expect(applyStatusChange(inProgress, { status: 'complete', progressPercent: 100 }, today).progressPercent).toBe(100);
  });

  it('keeps the completion date when a complete action is saved again', () => {
    expect(applyStatusChange(complete, { status: 'complete' }, today)).toEqual(complete);
    expect(applyStatusChange(complete, { effectivenessCheckDue: '2027-03-01' }, today)).toEqual({ ...complete, effectivenessCheckDue: '2027-03-01' });
  });

  it('embeds only from complete, stamping embeddedOn', () => {
    expect(applyStatusChange(complete, { status: 'embedded' }, today)).toEqual({ ...complete, status: 'embedded', embeddedOn: today });
    expect(fieldOf(() => applyStatusChange(inProgress, { status: 'embedded' }, today))).toBe('status');
    expect(fieldOf(() => applyStatusChange(NEW_ACTION_STATE, { status: 'embedded' }, today))).toBe('status');
  });

  it('going back from embedded to complete clears embeddedOn only', () => {
    const embedded = { ...complete, status: 'embedded' as const, embeddedOn: '2026-11-01' };
    expect(applyStatusChange(embedded, { status: 'complete' }, today)).toEqual(complete);
  });

  it('reopening clears the completion dates and keeps progress unless given', () => {
    expect(applyStatusChange(complete, { status: 'in_progress' }, today)).toEqual({ status: 'in_progress', progressPercent: 100, completedOn: null, effectivenessCheckDue: null, embeddedOn: null });
    expect(applyStatusChange(complete, { status: 'blocked', progressPercent: 70 }, today).progressPercent).toBe(70);
  });

  it('refuses an effectiveness check date on an action that is not complete', () => {
    expect(fieldOf(() => applyStatusChange(inProgress, { effectivenessCheckDue: '2027-01-01' }, today))).toBe('effectivenessCheckDue');
  });

  it('a new action created complete is stamped like one completed today', () => {
    expect(applyStatusChange(NEW_ACTION_STATE, { status: 'complete' }, today)).toMatchObject({ completedOn: today, progressPercent: 100 });
  });
});
