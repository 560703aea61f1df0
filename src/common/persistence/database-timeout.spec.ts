import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { databaseTimeoutState } from './database-timeout';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const typeormError = (code: string) => new QueryFailedError('UPDATE action ...', [], pgError(code));

describe('database timeouts', () => {
  it.each([
    ['a statement timeout through TypeORM', typeormError('57014'), '57014'],
    ['a statement timeout from pg (a raw client)', pgError('57014'), '57014'],
    ['a lock timeout', typeormError('55P03'), '55P03'],
    ['a session ended idle in a transaction, met by the next statement', typeormError('25P03'), '25P03'],
    // TypeORM released the runner when the ended session's connection failed, and refuses the next statement.
    ['the query runner released under a transaction', new QueryRunnerProviderAlreadyReleasedError(), '25P03'],
    ['a deadlock', typeormError('40P01'), null],
    ['a unique violation', typeormError('23505'), null],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), null],
    ['a plain error', new Error('boom'), null],
    ['null', null, null],
  ])('%s: %s', (_name, error, state) => {
    expect(databaseTimeoutState(error)).toBe(state);
  });
});
