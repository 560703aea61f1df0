import { DEFAULT_RAG_POLICY } from '../policy/rag-policy.types';
import { evaluateRag } from '../policy/evaluate-rag';
import type { RagOverrideEntity } from '../entities/rag-override.entity';
import { overrideText, toRagOverrideDto } from './rag-override.mapper';

describe('override mapping', () => {
  it('words an override exactly as the policy shows it wherever the colour appears', () => {
    const result = evaluateRag(
      {
        reference: 'A1',
        title: 'Audit',
        status: 'blocked',
        startDate: null,
        dueDate: '2026-12-31',
        progressPercent: 0,
        lastUpdateDate: null,
        milestones: [],
        evidence: [],
        override: { colour: 'amber', reason: 'Recovery plan agreed', expiresOn: '2027-01-31' },
      },
      '2026-11-23',
      DEFAULT_RAG_POLICY,
    );
    expect(result.reasons).toEqual([{ code: 'override', colour: 'amber', text: overrideText('Recovery plan agreed', '2027-01-31') }]);
    expect(overrideText('Recovery plan agreed', '2027-01-31')).toBe('Override: Recovery plan agreed (until 31 January 2027)');
  });

  const row = (patch: Partial<RagOverrideEntity>): RagOverrideEntity => ({
    id: 'o1',
    organisationId: 'org',
    actionId: 'a1',
    colour: 'green',
    reason: 'Agreed',
    expiresOn: '2026-11-30',
    setById: 'u1',
    setAt: new Date('2026-11-23T10:00:00Z'),
    endedAt: null,
    endedById: null,
    ...patch,
  });

  it.each([
    ['not ended, expiring later', {}, '2026-11-23', true],
    ['not ended, its last day', {}, '2026-11-30', true],
    ['not ended, expired', {}, '2026-12-01', false],
    ['ended', { endedAt: new Date('2026-11-24T09:00:00Z'), endedById: 'u2' }, '2026-11-25', false],
  ] as const)('is active when %s: %s', (_, patch, today, active) => {
    const dto = toRagOverrideDto(row(patch), today);
    expect(dto.active).toBe(active);
    expect(dto.setAt).toBe('2026-11-23T10:00:00.000Z');
  });
});
