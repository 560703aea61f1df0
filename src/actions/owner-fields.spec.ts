import { AppException } from '../common/errors/app.exception';
import { assertOwnerMayChange, fieldsSet, OWNER_ACTION_FIELDS, OWNER_MILESTONE_FIELDS } from './owner-fields';

describe('owner fields', () => {
  it('ignores the version and fields left undefined', () => {
    expect(fieldsSet({ version: 3, status: 'blocked', title: undefined })).toEqual(['status']);
  });

  it("lets an owner change their action's status and progress", () => {
    expect(() => assertOwnerMayChange({ version: 1, status: 'in_progress', progressPercent: 30 }, OWNER_ACTION_FIELDS, 'action')).not.toThrow();
  });

  it('refuses anything else with a 403 naming each field', () => {
    try {
      assertOwnerMayChange({ version: 1, status: 'in_progress', dueDate: '2027-01-01', title: 'x' }, OWNER_ACTION_FIELDS, 'action');
      throw new Error('expected a 403');
    } catch (e) {
      expect(e).toBeInstanceOf(AppException);
      expect((e as AppException).status).toBe(403);
      expect((e as AppException).message).toMatch(/may not change dueDate, title/);
    }
  });

  it('lets an owner set only completedOn on a milestone', () => {
    expect(() => assertOwnerMayChange({ version: 1, completedOn: null }, OWNER_MILESTONE_FIELDS, 'action')).not.toThrow();
    expect(() => assertOwnerMayChange({ version: 1, completedOn: '2026-01-01', dueDate: '2026-02-01' }, OWNER_MILESTONE_FIELDS, 'action')).toThrow(/dueDate/);
  });
});
