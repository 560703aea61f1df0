import type { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';
import type { RequestContextStore } from '../common/request-context/request-context';
import type { AuditEventRepository, NewAuditEvent } from './audit-event.repository';
import { AuditService, diffFields } from './audit.service';

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

describe('AuditService.recordMany: the plan of each event', () => {
  const PLAN = '3b0b6c53-7a55-4a8e-9a53-5c1b7f0e2a01';
  const ORG = '9d7e1d2c-1f0a-4c51-8f1e-2b6f4d3c5a10';
  const setup = () => {
    const inserted: NewAuditEvent[] = [];
    const events = {
      planIdsOfActions: jest.fn(async () => [] as { id: string; planId: string }[]),
      insertMany: jest.fn(async (_m: unknown, rows: NewAuditEvent[]) => void inserted.push(...rows)),
    };
    const cls = { isActive: () => false } as unknown as ClsService<RequestContextStore>;
    const service = new AuditService(cls, events as unknown as AuditEventRepository);
    return { service, inserted, manager: {} as EntityManager };
  };

  it("takes a plan's own id as its plan, and stores people, the organisation and its regulators with none", async () => {
    const { service, inserted, manager } = setup();
    await service.recordMany(manager, [
      { organisationId: ORG, entityType: 'plan', entityId: PLAN, action: 'update', before: { title: 'a' }, after: { title: 'b' } },
      { organisationId: ORG, entityType: 'user', entityId: ORG, action: 'update', before: { name: 'a' }, after: { name: 'b' } },
      { organisationId: ORG, entityType: 'regulator', entityId: ORG, action: 'create', after: { code: 'hmicfrs' } },
    ]);
    expect(inserted.map((e) => [e.entityType, e.planId])).toEqual([
      ['plan', PLAN],
      ['user', null],
      ['regulator', null],
    ]);
  });

  it("refuses an event of a plan's row that names no plan, and writes none of the batch", async () => {
    const { service, inserted, manager } = setup();
    await expect(
      service.recordMany(manager, [
        { organisationId: ORG, entityType: 'user', entityId: ORG, action: 'create', after: { name: 'a' } },
        // A deleted action: no row left to find its plan by.
        { organisationId: ORG, entityType: 'action', entityId: PLAN, action: 'delete', before: { reference: 'A1' } },
      ]),
    ).rejects.toThrow("audit event 'delete' of action");
    expect(inserted).toEqual([]);
  });
});
