import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes each key once, then answers from memory', () => {
    const calls: string[] = [];
    const upper = boundedMemo((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    }, 10);
    expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('forgets everything once it holds max keys, and keeps answering the same', () => {
    let calls = 0;
    const square = boundedMemo((n: number) => {
      calls += 1;
      return n * n;
    }, 3);
    for (const n of [1, 2, 3]) square(n);
    expect(calls).toBe(3);
    expect(square(4)).toBe(16); // the fourth key clears the three before it
    expect(calls).toBe(4);
    expect(square(1)).toBe(1); // computed again
    expect(calls).toBe(5);
  });
});
