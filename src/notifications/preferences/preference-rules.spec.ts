import { deliveryDecision, digestKinds, effectiveMode, effectiveModes, modeChoiceProblem, unsubscribeChanges } from './preference-rules';

describe('preference rules', () => {
  it('uses the default for a kind never chosen, and ignores a stored mode the kind does not allow', () => {
    expect(effectiveMode('due_reminder', {})).toBe('immediate');
    expect(effectiveMode('due_reminder', { due_reminder: 'weekly_digest' })).toBe('weekly_digest');
    expect(effectiveMode('evidence_rejected', { evidence_rejected: 'off' })).toBe('immediate');
    expect(effectiveMode('pack_ready', { pack_ready: 'weekly_digest' })).toBe('immediate');
    expect(Object.values(effectiveModes({}))).toEqual(expect.arrayContaining(['immediate']));
  });

  it.each([
    ['due_reminder', 'off', null],
    ['due_reminder', 'weekly_digest', null],
    ['evidence_rejected', 'off', 'e-mails about evidence you uploaded being rejected cannot be switched off'],
    ['evidence_rejected', 'weekly_digest', 'e-mails about evidence you uploaded being rejected can be immediate, not weekly digest'],
    ['pack_ready', 'weekly_digest', 'e-mails about a progress pack being ready can be immediate or off, not weekly digest'],
    ['scrutiny_pack_published', 'off', null],
  ] as const)('choosing %s = %s: %s', (kind, mode, problem) => {
    expect(modeChoiceProblem(kind, mode)).toBe(problem);
  });

  it.each([
    ['milestone_due_7d', {}, 'send'],
    ['milestone_due_7d', { due_reminder: 'weekly_digest' }, 'defer_to_digest'],
    ['action_due_1d', { due_reminder: 'off' }, 'suppressed_off'],
    ['action_overdue', { due_reminder: 'off' }, 'send'],
    ['evidence_rejected', { evidence_rejected: 'off' }, 'send'],
    ['owner_weekly_digest', {}, 'suppressed_off'],
    ['owner_weekly_digest', { overdue: 'weekly_digest' }, 'send'],
    ['owner_weekly_digest', { overdue: 'weekly_digest', due_reminder: 'off' }, 'send'],
    ['evidence_review_digest', { evidence_review: 'off' }, 'suppressed_off'],
  ] as const)('%s with %j: %s', (kind, stored, decision) => {
    expect(deliveryDecision(kind, stored)).toBe(decision);
  });

  it('unsubscribes one kind, or every digested kind for the weekly digest scope', () => {
    expect(unsubscribeChanges('due_reminder', {})).toEqual([{ kind: 'due_reminder', from: 'immediate', to: 'off' }]);
    expect(unsubscribeChanges('due_reminder', { due_reminder: 'off' })).toEqual([]);
    expect(unsubscribeChanges('evidence_rejected', {})).toEqual([]);
    const stored = { due_reminder: 'weekly_digest', overdue: 'weekly_digest', update_due: 'immediate' } as const;
    expect(digestKinds(stored)).toEqual(['due_reminder', 'overdue']);
    expect(unsubscribeChanges('weekly_digest', stored)).toEqual([
      { kind: 'due_reminder', from: 'weekly_digest', to: 'off' },
      { kind: 'overdue', from: 'weekly_digest', to: 'off' },
    ]);
  });
});
