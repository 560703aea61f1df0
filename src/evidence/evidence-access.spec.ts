import type { AuthUser, Role } from '../common/request-context/request-context';
import { assertCanReadEvidence, assertCanReadEvidenceOf, assertCanReview, assertCanUploadTo, assertCanWithdraw } from './evidence-access';

const user = (role: Role, id = `${role}-1`): AuthUser => ({ id, role, organisationId: 'org', email: `${id}@x.gov.uk`, name: id });
const ownersAction = { id: 'action-1', ownerId: 'owner-1' };
const live = { id: 'ev-1', withdrawnAt: null };
const withdrawn = { id: 'ev-2', withdrawnAt: new Date('2026-11-01T00:00:00Z') };

const status = (fn: () => void): number | 'ok' => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { status: number }).status;
  }
};

describe('evidence access rules', () => {
  it.each<[Role, string, number | 'ok']>([
    ['admin', 'admin-1', 'ok'],
    ['board', 'board-1', 'ok'],
    ['owner', 'owner-1', 'ok'],
    ['owner', 'owner-2', 404],
    ['scrutiny', 'scrutiny-1', 404],
  ])("reading an action's evidence: %s %s -> %s", (role, id, expected) => {
    expect(status(() => assertCanReadEvidenceOf(user(role, id), ownersAction))).toBe(expected);
  });

  it('hides withdrawn evidence from everyone but admins', () => {
    expect(status(() => assertCanReadEvidence(user('admin'), ownersAction, withdrawn))).toBe('ok');
    for (const u of [user('board'), user('owner', 'owner-1')]) {
      expect(status(() => assertCanReadEvidence(u, ownersAction, live))).toBe('ok');
      expect(status(() => assertCanReadEvidence(u, ownersAction, withdrawn))).toBe(404);
    }
  });

  it.each<[Role, string, number | 'ok']>([
    ['admin', 'admin-1', 'ok'],
    ['board', 'board-1', 'ok'],
    ['owner', 'owner-1', 'ok'],
    ['owner', 'owner-2', 403],
    ['scrutiny', 'scrutiny-1', 404],
  ])('uploading: %s %s -> %s', (role, id, expected) => {
    expect(status(() => assertCanUploadTo(user(role, id), ownersAction))).toBe(expected);
  });

  it('reviewing: board and admin, never the uploader', () => {
    expect(status(() => assertCanReview(user('board'), { uploadedById: 'owner-1' }))).toBe('ok');
    expect(status(() => assertCanReview(user('admin'), { uploadedById: 'owner-1' }))).toBe('ok');
    expect(status(() => assertCanReview(user('owner', 'owner-2'), { uploadedById: 'owner-1' }))).toBe(403);
    expect(() => assertCanReview(user('board'), { uploadedById: 'board-1' })).toThrow('You uploaded this evidence; another board member must review it');
  });

  it('withdrawing: the uploader only', () => {
    expect(status(() => assertCanWithdraw(user('owner', 'owner-1'), { uploadedById: 'owner-1' }))).toBe('ok');
    expect(status(() => assertCanWithdraw(user('admin'), { uploadedById: 'owner-1' }))).toBe(403);
  });
});
