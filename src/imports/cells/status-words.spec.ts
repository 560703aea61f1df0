import { DEFAULT_STATUS_WORDS, readStatus, statusTable } from './status-words';

describe('readStatus', () => {
  it.each([
    ['Not started', 'not_started'],
    ['not yet started', 'not_started'],
    ['NOT STARTED', 'not_started'],
    ['Planned', 'not_started'],
    ['On track', 'in_progress'],
    ['On-track', 'in_progress'],
    ['In progress', 'in_progress'],
    ['In Progress', 'in_progress'],
    ['Ongoing', 'in_progress'],
    ['Delayed', 'in_progress'],
    ['Off track', 'in_progress'],
    ['At risk', 'in_progress'],
    ['Partially complete', 'in_progress'],
    ['Blocked', 'blocked'],
    ['On hold', 'blocked'],
    ['Complete', 'complete'],
    ['COMPLETE', 'complete'],
    ['Completed', 'complete'],
    ['Closed', 'complete'],
    ['Complete - awaiting evidence', 'complete'],
    ['Completed - embedded', 'embedded'],
    ['Completed – Embedded', 'embedded'],
    ['completed/embedded', 'embedded'],
    ['Complete & embedded', 'embedded'],
    ['Embedded', 'embedded'],
    ['Business as usual', 'embedded'],
    ['BAU', 'embedded'],
  ])('%p is %s', (text, status) => {
    expect(readStatus(text)).toMatchObject({ kind: 'status', status, matched: 'exact' });
  });

  it.each([
    ['Complete - awaiting board sign-off', 'complete', 'complete'],
    ['On track (60%)', 'in_progress', 'on track'],
    ['In progress/delayed', 'in_progress', 'in progress'],
    ['Blocked: waiting for funding', 'blocked', 'blocked'],
    ['Not started, due to begin in May', 'not_started', 'not started'],
  ])('%p is read from its leading words as %s', (text, status, word) => {
    expect(readStatus(text)).toEqual({ kind: 'status', status, matched: 'leading_words', word });
  });

  it.each(['Green', 'red', 'A', 'Amber/Green', 'Green - on track'])('%p is a RAG word', (text) => {
    expect(readStatus(text)).toEqual({ kind: 'rag_word' });
  });

  it.each(['Awaiting sign-off', 'New approach agreed', 'Superseded', '60%', 'Yes'])('%p is unknown (no guessing from leading words without a separator)', (text) => {
    expect(readStatus(text)).toEqual({ kind: 'unknown' });
  });

  it('is empty for blank text', () => {
    expect(readStatus('  ')).toEqual({ kind: 'empty' });
  });

  it('takes the caller’s words on top of the defaults, normalised', () => {
    const table = statusTable({ 'Awaiting Sign-off': 'complete', 'On track': 'not_started' });
    expect(readStatus('awaiting sign off', table)).toMatchObject({ status: 'complete' });
    expect(readStatus('On track', table)).toMatchObject({ status: 'not_started' });
    expect(readStatus('Blocked', table)).toMatchObject({ status: 'blocked' });
    expect(DEFAULT_STATUS_WORDS['on track']).toBe('in_progress');
  });

  it('ignores a caller’s word with a status that does not exist', () => {
    const table = statusTable({ Superseded: 'cancelled' as never });
    expect(readStatus('Superseded', table)).toEqual({ kind: 'unknown' });
  });

  it('has only normalised keys in the default table', () => {
    for (const key of Object.keys(DEFAULT_STATUS_WORDS)) expect(key).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
  });
});
