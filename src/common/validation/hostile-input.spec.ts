import { findHostileInput, MAX_INPUT_DEPTH, textProblem } from './hostile-input';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('findHostileInput', () => {
  it('accepts ordinary text, emoji (paired surrogates) and shallow nesting', () => {
    expect(findHostileInput({ title: 'Safeguarding 👍 café', items: [{ x: 1 }], n: null }, 'body')).toBeNull();
    expect(findHostileInput(nested(MAX_INPUT_DEPTH - 1), 'body')).toBeNull();
  });

  it('refuses a NUL byte in a nested value or a key, naming the field', () => {
    expect(findHostileInput({ a: { b: ['x', 'y\u0000'] } }, 'body')).toEqual({ kind: 'text', field: 'a.b[1]', message: expect.stringContaining('NUL') });
    expect(findHostileInput({ 'k\u0000': 1 }, 'body')).toMatchObject({ kind: 'text', field: 'k\u0000' });
    expect(findHostileInput('\u0000', 'search')).toMatchObject({ field: 'search' });
  });

  it('refuses lone high or low surrogates', () => {
    expect(textProblem('a\uD800')).toMatch(/surrogate/);
    expect(textProblem('\uDC00b')).toMatch(/surrogate/);
    expect(textProblem('\uD800x\uDC00')).toMatch(/surrogate/);
    expect(textProblem('\uD83D\uDC4D')).toBeNull();
  });

  it('refuses nesting past the limit without recursing (100,000 levels)', () => {
    expect(findHostileInput(nested(MAX_INPUT_DEPTH + 1), 'body')).toMatchObject({ kind: 'too_deep' });
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findHostileInput({ email: deep }, 'body')).toMatchObject({ kind: 'too_deep', field: expect.stringMatching(/^email/) });
  });
});
