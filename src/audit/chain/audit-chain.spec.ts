import { AuditChainWalker, auditEventHash, canonicalAuditEvent, ChainedAuditEvent, GENESIS_HASH } from './audit-chain';

const ORG = '6f1c1d52-54a5-4d2b-9c1e-0d8f0b8f3a11';

const base: Omit<ChainedAuditEvent, 'hash'> = {
  id: '0b9a5b0e-8c3e-4f35-a9b0-5f3a3f1c2d4e',
  organisationId: ORG,
  seq: '7',
  prevHash: 'ab'.repeat(32),
  hashVersion: 1,
  occurredAt: new Date('2026-11-23T10:00:00.123Z'),
  actorId: null,
  actorKind: 'system',
  actorName: null,
  actorRole: null,
  entityType: 'action',
  entityId: 'c3d1f1a0-1111-4222-8333-944455556666',
  action: 'update',
  // As PostgreSQL prints this jsonb value: keys by length then bytes, numbers as written.
  changesText: '{"title": {"after": "Plan 🚀", "before": "Café – plan"}, "progress": {"after": 20.50, "before": 10}}',
  requestId: 'req-1',
};

describe('auditEventHash', () => {
  // Expected values computed by the database's audit_event_hash() (migration AuditHashChain) for
  // the same fields: the verifier and the trigger must agree byte for byte.
  it.each([
    ['an update with multi-byte text, a decimal and no actor', base, 'ea0ade81e9bc43cf55b921839829a5c1750bc90c694042a7b4222c7411bc4824'],
    [
      'the first event of an organisation, no request id',
      {
        ...base,
        seq: '1',
        prevHash: GENESIS_HASH,
        occurredAt: new Date('2026-01-01T00:00:00Z'),
        actorId: '9d7c1f7e-2222-4333-8444-555566667777',
        actorKind: 'user',
        entityType: 'user',
        action: 'create',
        changesText: '{}',
        requestId: null,
      },
      'a8e0752b2367ec3b1b9d5bebb394fbb97dfe9c7dcfada9b5fc44e2dd4dfffdd0',
    ],
    [
      'a version-2 event naming its actor (audit_event_hash_v2, migration AuditActorName)',
      { ...base, hashVersion: 2, actorId: '9d7c1f7e-2222-4333-8444-555566667777', actorKind: 'user', actorName: "Siân O'Brien", actorRole: 'board' },
      '26df4dfe4188d42fa75026b04d67d72e7dfa24a2555fdb84907ee9f458c556c0',
    ],
  ])('matches the database for %s', (_name, event, expected) => {
    expect(auditEventHash(event)).toBe(expected);
  });

  it('writes one length-prefixed line per field, NULL as "-"', () => {
    const lines = canonicalAuditEvent(base).split('\n');
    expect(lines[0]).toBe('audit_event v1');
    expect(lines).toContain('actor_id:-');
    expect(lines).toContain('occurred_at:24:2026-11-23T10:00:00.123Z');
    // "Café – plan" and the rocket are more bytes than characters.
    expect(base.changesText.length).toBe(100);
    expect(lines.find((l) => l.startsWith('changes:'))).toMatch(/^changes:105:/);
  });

  it.each([
    ['a field', { action: 'delete' }],
    ['the time', { occurredAt: new Date('2026-11-23T10:00:00.124Z') }],
    ['the previous hash', { prevHash: 'cd'.repeat(32) }],
    ['a NULL for an empty string', { requestId: '' }],
    ['text moved between fields', { entityType: 'actio', action: 'nupdate' }],
  ])('changes when %s changes', (_name, change) => {
    expect(auditEventHash({ ...base, ...change })).not.toBe(auditEventHash(base));
  });

  it("in version 2 covers the actor's name and role; version 1 ignores them (events from before)", () => {
    const v2 = { ...base, hashVersion: 2, actorName: 'Jo Bloggs', actorRole: 'board' };
    expect(canonicalAuditEvent(v2).split('\n').slice(-3)).toEqual(['actor_name:9:Jo Bloggs', 'actor_role:5:board', '']);
    expect(auditEventHash({ ...v2, actorName: 'Jo Blogs' })).not.toBe(auditEventHash(v2));
    expect(auditEventHash({ ...v2, actorRole: 'admin' })).not.toBe(auditEventHash(v2));
    expect(auditEventHash({ ...v2, hashVersion: 1 })).toBe(auditEventHash({ ...base, actorName: 'x', actorRole: 'y' }));
  });
});

describe('AuditChainWalker', () => {
  /** A valid chain of n events, one second apart. */
  function chain(n: number): ChainedAuditEvent[] {
    const events: ChainedAuditEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const e = { ...base, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, seq: String(i), prevHash, occurredAt: new Date(Date.UTC(2026, 10, 23, 10, 0, i)) };
      const hash = auditEventHash(e);
      events.push({ ...e, hash });
      prevHash = hash;
    }
    return events;
  }

  function walk(events: ChainedAuditEvent[]) {
    const walker = new AuditChainWalker();
    for (const e of events) if (!walker.next(e)) break;
    return walker;
  }

  it('verifies a clean chain and reports its head', () => {
    const events = chain(5);
    const walker = walk(events);
    expect(walker.firstBreak).toBeNull();
    expect(walker.eventsVerified).toBe(5);
    expect(walker.head).toEqual({ seq: '5', eventId: events[4].id, hash: events[4].hash, occurredAt: events[4].occurredAt });
  });

  it('verifies an empty chain', () => {
    expect(walk([]).firstBreak).toBeNull();
    expect(walk([]).head).toBeNull();
  });

  it.each<[string, (events: ChainedAuditEvent[]) => ChainedAuditEvent[], { seq: string; problem: string }, number]>([
    ['an edited field', (es) => es.map((e) => (e.seq === '3' ? { ...e, action: 'tampered' } : e)), { seq: '3', problem: 'hash' }, 2],
    ['a deleted event', (es) => es.filter((e) => e.seq !== '3'), { seq: '4', problem: 'sequence' }, 2],
    ['a deleted first event', (es) => es.slice(1), { seq: '2', problem: 'sequence' }, 0],
    [
      'an edited event whose hash was recomputed',
      (es) => es.map((e) => (e.seq === '3' ? { ...e, action: 'tampered', hash: auditEventHash({ ...e, action: 'tampered' }) } : e)),
      { seq: '4', problem: 'previous_hash' },
      3,
    ],
    [
      'a back-dated event with a recomputed hash',
      (es) => es.map((e) => (e.seq === '5' ? { ...e, occurredAt: new Date('2026-01-01T00:00:00Z'), hash: auditEventHash({ ...e, occurredAt: new Date('2026-01-01T00:00:00Z') }) } : e)),
      { seq: '5', problem: 'time' },
      4,
    ],
  ])('stops at the first broken link: %s', (_name, tamper, expected, verified) => {
    const walker = walk(tamper(chain(6)));
    expect(walker.firstBreak).toMatchObject(expected);
    expect(walker.eventsVerified).toBe(verified);
  });

  it('names expected and found values', () => {
    const events = chain(3);
    const walker = walk([events[0], events[2]]);
    expect(walker.firstBreak).toEqual({ seq: '3', eventId: events[2].id, problem: 'sequence', expected: '2', found: '3' });
  });
});
