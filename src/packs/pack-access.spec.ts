import { canSeePack, packVisibility, seesPeople } from './pack-access';

describe('pack access', () => {
  const draftBoard = { audience: 'board' as const, publishedAt: null };
  const draftScrutiny = { audience: 'scrutiny' as const, publishedAt: null };
  const publishedScrutiny = { audience: 'scrutiny' as const, publishedAt: new Date('2026-11-24T09:00:00Z') };

  it.each(['admin', 'board'] as const)('lets %s see every pack of the organisation', (role) => {
    expect(packVisibility({ role })).toEqual({ audience: null, publishedOnly: false });
    for (const pack of [draftBoard, draftScrutiny, publishedScrutiny]) expect(canSeePack({ role }, pack)).toBe(true);
    expect(seesPeople({ role })).toBe(true);
  });

  it('lets scrutiny members see published scrutiny packs only', () => {
    expect(packVisibility({ role: 'scrutiny' })).toEqual({ audience: 'scrutiny', publishedOnly: true });
    expect(canSeePack({ role: 'scrutiny' }, publishedScrutiny)).toBe(true);
    expect(canSeePack({ role: 'scrutiny' }, draftScrutiny)).toBe(false);
    expect(canSeePack({ role: 'scrutiny' }, draftBoard)).toBe(false);
    // A board pack can never be published, but if one were, scrutiny still would not see it.
    expect(canSeePack({ role: 'scrutiny' }, { audience: 'board', publishedAt: new Date() })).toBe(false);
    expect(seesPeople({ role: 'scrutiny' })).toBe(false);
  });
});
