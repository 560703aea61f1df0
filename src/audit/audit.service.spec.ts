import { diffFields } from './audit.service';

describe('diffFields', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diffFields({ title: 'a', dueDate: '2026-01-01', version: 1 }, { title: 'b', dueDate: '2026-01-01', version: 2 })).toEqual({
      title: { before: 'a', after: 'b' },
    });
  });

  it('treats a create as every field from null, and never records secrets', () => {
    expect(diffFields(null, { email: 'x@y.z', passwordHash: 'h' })).toEqual({ email: { before: null, after: 'x@y.z' } });
  });

  it('compares dates and nested values by content', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(diffFields({ at: d, tags: [1, 2] }, { at: new Date(d), tags: [1, 2] })).toEqual({});
    expect(diffFields({ tags: [1] }, { tags: [1, 2] })).toEqual({ tags: { before: [1], after: [1, 2] } });
  });
});
