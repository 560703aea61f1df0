import { assertMilestoneWithinAction, assertNotInFuture } from './milestone-rules';
import { toList } from './dto/transforms';

describe('milestone rules', () => {
  it("refuses a due date after the action's unless allowed", () => {
    expect(() => assertMilestoneWithinAction('2026-12-31', false, '2026-12-31')).not.toThrow();
    expect(() => assertMilestoneWithinAction('2027-01-01', false, '2026-12-31')).toThrow(/dueDate: must not be after/);
    expect(() => assertMilestoneWithinAction('2027-01-01', true, '2026-12-31')).not.toThrow();
    expect(() => assertMilestoneWithinAction('2027-01-01', false, '2026-12-31', 'milestones.2.dueDate')).toThrow(/^milestones\.2\.dueDate/);
  });

  it('refuses a completion date after today', () => {
    expect(() => assertNotInFuture('2026-11-23', '2026-11-23', 'completedOn')).not.toThrow();
    expect(() => assertNotInFuture('2026-11-24', '2026-11-23', 'completedOn')).toThrow(/completedOn: must not be in the future/);
  });
});

describe('toList (multi-value query parameters)', () => {
  it('accepts repeated and comma-separated values', () => {
    expect(toList({ value: 'in_progress' })).toEqual(['in_progress']);
    expect(toList({ value: 'in_progress, blocked' })).toEqual(['in_progress', 'blocked']);
    expect(toList({ value: ['red', 'amber,green'] })).toEqual(['red', 'amber', 'green']);
    expect(toList({ value: '' })).toBeUndefined();
  });
});
