import type { ImportParseResult } from '../import-result';
import { ParsedFileCache } from './parsed-file-cache';

const result = (name: string): ImportParseResult => ({ file: { name } }) as unknown as ImportParseResult;

describe('ParsedFileCache', () => {
  it('gives back a result by its exact key, until it is too old', () => {
    const cache = new ParsedFileCache(2, 1000);
    cache.set('run-1|key', result('a'), 0);
    expect(cache.get('run-1|key', 500)?.file.name).toBe('a');
    expect(cache.get('run-1|other choices', 500)).toBeUndefined();
    expect(cache.get('run-1|key', 1001)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps only the newest entries', () => {
    const cache = new ParsedFileCache(2, 1000);
    cache.set('run-1|a', result('a'), 0);
    cache.set('run-2|b', result('b'), 1);
    cache.set('run-3|c', result('c'), 2);
    expect(cache.get('run-1|a', 3)).toBeUndefined();
    expect(cache.get('run-2|b', 3)?.file.name).toBe('b');
    expect(cache.get('run-3|c', 3)?.file.name).toBe('c');
  });

  it('forgets every entry of a run', () => {
    const cache = new ParsedFileCache(3, 1000);
    cache.set('run-1|a', result('a'), 0);
    cache.set('run-1|b', result('b'), 0);
    cache.set('run-10|c', result('c'), 0);
    cache.forgetRun('run-1');
    expect(cache.size).toBe(1);
    expect(cache.get('run-10|c', 0)?.file.name).toBe('c');
  });
});
