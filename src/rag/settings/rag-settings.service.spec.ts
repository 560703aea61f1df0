import { mergeWithDefaults, validateRagPolicySettings } from '../policy/rag-policy.schema';
import { settingsValidationError } from './rag-settings.service';

describe('settingsValidationError', () => {
  it("turns the policy's field errors into the API's 400, naming each field once", () => {
    const checked = validateRagPolicySettings(mergeWithDefaults({ redAfterDays: 0, rules: { blocked: 'yes' } } as never));
    if (checked.ok) throw new Error('expected invalid settings');
    const error = settingsValidationError(checked.errors);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([
      { field: 'redAfterDays', messages: ['must be between 1 and 365'] },
      { field: 'rules.blocked', messages: ['must be true or false'] },
    ]);
    expect(error.message).toBe('redAfterDays: must be between 1 and 365; rules.blocked: must be true or false');
  });

  it('groups several messages for one field', () => {
    const error = settingsValidationError([
      { field: 'x', message: 'one' },
      { field: 'x', message: 'two' },
    ]);
    expect(error.details).toEqual([{ field: 'x', messages: ['one', 'two'] }]);
  });
});
