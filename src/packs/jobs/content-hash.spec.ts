import { createHash } from 'node:crypto';
import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { packContentHash } from './content-hash';

describe('packContentHash', () => {
  const source = packSourceFixture('board');
  const hash = packContentHash(buildPackModel(source));

  it('is the same for the same data whenever the pack was generated (another day too), and whatever the row order', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const later = { ...source, generatedAt: '2026-01-09T23:30:00.000Z', actions: [...source.actions].reverse(), evidence: [...source.evidence].reverse() };
    const model = buildPackModel(later);
    // The board front sheet prints the generation time: it differs, the hash does not.
    expect(JSON.stringify(model.frontMatter)).not.toBe(JSON.stringify(buildPackModel(source).frontMatter));
    expect(packContentHash(model)).toBe(hash);
    expect(packContentHash(buildPackModel({ ...packSourceFixture('scrutiny'), generatedAt: '2027-05-01T08:00:00.000Z' }))).toBe(
      packContentHash(buildPackModel(packSourceFixture('scrutiny'))),
    );
  });

  it('changes with the data, the audience, the title and the reporting date', () => {
    const redder = { ...source, actions: source.actions.map((a, i) => (i === 0 ? { ...a, colour: a.colour === 'red' ? ('green' as const) : ('red' as const) } : a)) };
    expect(packContentHash(buildPackModel(redder))).not.toBe(hash);
    expect(packContentHash(buildPackModel(packSourceFixture('scrutiny')))).not.toBe(hash);
    expect(packContentHash(buildPackModel({ ...source, title: 'Another title' }))).not.toBe(hash);
    expect(packContentHash(buildPackModel({ ...source, asOf: '2025-11-01', nextMeeting: { committeeName: 'Improvement Board', meetsOn: '2025-11-29', forThisPack: false } }))).not.toBe(hash);
  });

  it('is the SHA-256 of the canonical JSON: keys sorted, no spaces', () => {
    const model = buildPackModel({ ...source, generatedAt: '1970-01-01T00:00:00.000Z' });
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
    const canonical = sortKeys({ ...model, frontMatter: model.frontMatter.map((b) => (b.kind === 'details' ? { ...b, rows: b.rows.map((r) => (r.label === 'Generated' ? { ...r, value: '' } : r)) } : b)) });
    expect(hash).toBe(createHash('sha256').update(JSON.stringify(canonical)).digest('hex'));
  });
});
