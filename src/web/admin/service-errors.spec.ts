import { AppException } from '../../common/errors/app.exception';
import { serviceFieldErrors } from './service-errors';

describe('service refusals as form errors', () => {
  const labels = { email: { field: 'email', label: 'Email address' } };

  it('puts a named field refusal on the form field, in words', () => {
    const err = AppException.conflict('email_taken' as never, 'taken', [{ field: 'email', messages: ['is already in use'] }]);
    expect(serviceFieldErrors(err, labels)).toEqual([{ field: 'email', text: 'Email address is already in use' }]);
  });

  it('leaves other errors to the error pages', () => {
    expect(serviceFieldErrors(AppException.notFound('User', 'x'), labels)).toBeNull();
    expect(serviceFieldErrors(AppException.staleVersion('User', 3), labels)).toBeNull();
    expect(serviceFieldErrors(AppException.invalidField('planId', 'is wrong'), labels)).toBeNull();
    expect(serviceFieldErrors(new Error('boom'), labels)).toBeNull();
  });
});
