import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderJson, stableJson } from './render-json';

describe('renderJson', () => {
  const model = buildPackModel(packSourceFixture('board'));

  it('round-trips the model', async () => {
    expect(JSON.parse((await renderJson(model)).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('is pretty, ends with a newline and is the same bytes every time', async () => {
    const a = (await renderJson(model)).toString('utf8');
    expect(a.startsWith('{\n  "audience": "board",')).toBe(true);
    expect(a.endsWith('}\n')).toBe(true);
    expect((await renderJson(buildPackModel(packSourceFixture('board')))).toString('utf8')).toBe(a);
  });

  it('writes exactly what JSON.stringify writes with sorted keys', async () => {
    const sorted = (_key: string, value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value;
    expect((await renderJson(model)).toString('utf8')).toBe(`${JSON.stringify(model, sorted, 2)}\n`);
    const odd = { s: 'quote " and \\ and \n and \u2028 and …', n: [1.5, -0, NaN, Infinity], e: [], o: {}, u: undefined, a: [undefined, null, true] };
    expect(stableJson(odd)).toBe(`${JSON.stringify(odd, sorted, 2)}\n`);
  });

  it('sorts keys, so property order does not change the bytes', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(stableJson({ a: { c: null, d: [2, { y: 2, z: 1 }] }, b: 1 }));
    expect(stableJson({ b: 1, a: undefined })).toBe('{\n  "b": 1\n}\n');
  });
});
