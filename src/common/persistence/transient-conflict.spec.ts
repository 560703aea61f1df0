import { QueryFailedError } from 'typeorm';
import { isTransientConflict, retryTransientConflict } from './transient-conflict';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const typeormError = (code: string) => new QueryFailedError('UPDATE action ...', [], pgError(code));

describe('transient conflicts', () => {
  it.each([
    ['a deadlock from pg', pgError('40P01'), true],
    ['a deadlock through TypeORM', typeormError('40P01'), true],
    ['a serialisation failure', typeormError('40001'), true],
    ['a unique violation', typeormError('23505'), false],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
    ['a plain error', new Error('boom'), false],
    ['null', null, false],
  ])('%s: %s', (_name, error, expected) => {
    expect(isTransientConflict(error)).toBe(expected);
  });

  it('sends the work again after a deadlock and returns its result, telling onRetry each time', async () => {
    const outcomes: (Error | string)[] = [typeormError('40P01'), typeormError('40001'), 'written'];
    const work = jest.fn(() => {
      const next = outcomes.shift();
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    });
    const retried: number[] = [];
    await expect(retryTransientConflict(work, { onRetry: (_err, attempt) => retried.push(attempt) })).resolves.toBe('written');
    expect(work).toHaveBeenCalledTimes(3);
    expect(retried).toEqual([1, 2]);
  });

  it('throws the last deadlock once the retries are used', async () => {
    const deadlock = typeormError('40P01');
    const work = jest.fn(() => Promise.reject(deadlock));
    await expect(retryTransientConflict(work, { retries: 2 })).rejects.toBe(deadlock);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('throws any other error at once, without sending the work again', async () => {
    const unique = typeormError('23505');
    const work = jest.fn(() => Promise.reject(unique));
    await expect(retryTransientConflict(work)).rejects.toBe(unique);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
