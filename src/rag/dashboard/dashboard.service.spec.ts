import { toTrend } from './dashboard.service';

const row = (asOf: string, red: number, green = 0) => ({ asOf, red, amber: 0, green, grey: 0, blue: 0 });

describe('toTrend', () => {
  it('gives one point per counted date, oldest first, with counts and total', () => {
    expect(toTrend([row('2026-11-23', 2, 1), row('2026-11-01', 0, 5)])).toEqual([
      { asOf: '2026-11-01', total: 5, counts: { red: 0, amber: 0, green: 5, grey: 0, blue: 0 } },
      { asOf: '2026-11-23', total: 3, counts: { red: 2, amber: 0, green: 1, grey: 0, blue: 0 } },
    ]);
  });

  it("uses today's live counts for today's point, keeping twelve points in all", () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(`2026-11-${String(23 - i).padStart(2, '0')}`, i));
    const live = { red: 9, amber: 0, green: 0, grey: 0, blue: 0 };
    const points = toTrend(rows, { asOf: '2026-11-23', counts: live });
    expect(points).toHaveLength(12);
    expect(points[11]).toEqual({ asOf: '2026-11-23', total: 9, counts: live });
    expect(points[0].asOf).toBe('2026-11-12');
    // Today not yet counted: it is added, and the oldest point drops out.
    const fresh = toTrend(rows.slice(1), { asOf: '2026-11-23', counts: live });
    expect(fresh.map((p) => p.asOf)).toEqual(points.map((p) => p.asOf));
    // No colours at all today: nothing is invented.
    expect(toTrend([], { asOf: '2026-11-23', counts: { red: 0, amber: 0, green: 0, grey: 0, blue: 0 } })).toEqual([]);
  });
});
