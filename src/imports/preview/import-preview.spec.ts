import { ImportIssueCode } from '../import-issues';
import { understandWorkbook } from '../parse-import-file';
import { sheetOf, workbookOf } from '../testing/raw-sheet.testing';
import { actionFingerprint, planImport, type PlanSnapshot, type SnapshotAction } from './import-preview';

const HEADER = ['Ref', 'Action', 'Lead officer', 'Target date', 'Status', 'Workstream'];
const parse = (...rows: string[][]) => understandWorkbook(workbookOf(sheetOf([HEADER, ...rows], { name: 'Plan' })), { today: '2026-11-23' });

const ws = { id: 'ws-1', code: 'P1', title: 'Practice' };
const member = { id: 'user-1', name: 'Alex Morgan', email: 'alex.morgan@example.gov.uk' };

function action(over: Partial<SnapshotAction> = {}): SnapshotAction {
  return {
    id: 'a-1',
    reference: 'R1',
    title: 'Audit case files',
    description: '',
    workstreamId: ws.id,
    ownerId: member.id,
    leadAgency: null,
    startDate: null,
    dueDate: '2027-03-31',
    successMeasures: '',
    status: 'in_progress',
    findingIds: [],
    milestones: [],
    ...over,
  };
}

function snapshot(actions: SnapshotAction[] = [], imported: PlanSnapshot['imported'] = new Map()): PlanSnapshot {
  return { inspectionId: null, members: [member], workstreams: [ws], findings: [], actions, imported };
}

describe('planImport', () => {
  it('creates new rows, matching owners by email and workstreams by title, and skips rows with errors', () => {
    const plan = planImport(parse(['R1', 'Audit case files', 'alex.morgan@example.gov.uk', '31/03/2027', 'On track', 'Practice'], ['R2', 'Train', 'Someone Else', '', 'On track', 'New stream']), snapshot(), {});
    expect(plan.preview.counts.actions).toEqual({ create: 1, update: 0, unchanged: 0, conflict: 0, skipped: 1 });
    expect(plan.work[0].desired).toMatchObject({ ownerId: member.id, workstream: { id: ws.id }, status: 'in_progress', dueDate: '2027-03-31' });
  });

  it('leaves a row unchanged when the file asks for nothing new, and updates it when the action is as the last import left it', () => {
    const file = parse(['R1', 'Audit case files', 'alex.morgan@example.gov.uk', '30/06/2027', 'On track', 'Practice']);
    const existing = action();
    const fresh = planImport(file, snapshot([existing], new Map([[existing.id, { fileHash: 'old', writtenHash: actionFingerprint(existing) }]])), {});
    expect(fresh.preview.rows[0]).toMatchObject({ outcome: 'update', changes: [{ field: 'dueDate', system: '2027-03-31', file: '2027-06-30' }] });
    const same = planImport(file, snapshot([action({ dueDate: '2027-06-30' })]), {});
    expect(same.preview.rows[0].outcome).toBe('unchanged');
  });

  it('reports a conflict when the action was changed in the system since, until the user settles it', () => {
    const file = parse(['R1', 'Audit case files v2', 'alex.morgan@example.gov.uk', '31/03/2027', 'On track', 'Practice']);
    const edited = action({ title: 'Edited in the system' });
    const imported = new Map([[edited.id, { fileHash: 'an older file', writtenHash: actionFingerprint(action()) }]]);
    expect(planImport(file, snapshot([edited], imported), {}).preview.rows[0]).toMatchObject({ outcome: 'conflict' });
    const kept = planImport(file, snapshot([edited], imported), { resolutions: { R1: 'system' } });
    expect(kept.work[0]).toMatchObject({ outcome: 'conflict', keepSystem: true });
    // The same file again after keeping the system's values: nothing to do.
    const quiet = planImport(file, snapshot([edited], new Map([[edited.id, { fileHash: kept.work[0].fileHash, writtenHash: actionFingerprint(edited) }]])), {});
    expect(quiet.preview.rows[0].outcome).toBe('unchanged');
  });

  it('lists an owner that matches nobody as an error naming sheet, rows and column until it is mapped or left unassigned', () => {
    const file = parse(['R1', 'Audit case files', 'Jo Bloggs', '31/03/2027', 'On track', 'Practice'], ['R2', 'Train staff', 'jo bloggs', '31/03/2027', 'On track', 'Practice']);
    const undecided = planImport(file, snapshot(), {});
    expect(undecided.preview.unmatchedOwners).toEqual([{ text: 'Jo Bloggs', key: 'jo bloggs', column: 'C', rows: [2, 3], matchedTo: null, leftUnassigned: false }]);
    const issue = undecided.preview.issues.find((i) => i.code === ImportIssueCode.OwnerUnmatched);
    expect(issue).toMatchObject({ severity: 'error', sheet: 'Plan', row: 2, column: 'C', value: 'Jo Bloggs' });
    expect(issue!.message).toContain("'Plan', rows 2, 3, column C");
    expect(undecided.work.map((w) => w.desired.ownerId)).toEqual([null, null]);

    // Mapped to a member: owned by them, still listed (so the choice can be changed), no issue.
    const mapped = planImport(file, snapshot(), { ownerMatches: { 'jo bloggs': member.id } });
    expect(mapped.work.map((w) => w.desired.ownerId)).toEqual([member.id, member.id]);
    expect(mapped.preview.unmatchedOwners[0]).toMatchObject({ matchedTo: member.id, leftUnassigned: false });
    expect(mapped.preview.issues.filter((i) => i.code === ImportIssueCode.OwnerUnmatched)).toEqual([]);

    // Left unassigned: a warning, no owner from the file.
    const left = planImport(file, snapshot(), { ownerMatches: { 'jo bloggs': null } });
    expect(left.preview.unmatchedOwners[0]).toMatchObject({ matchedTo: null, leftUnassigned: true });
    expect(left.preview.issues.find((i) => i.code === ImportIssueCode.OwnerUnmatched)).toMatchObject({ severity: 'warning', column: 'C' });
    expect(left.work[0].desired.ownerId).toBeNull();

    // A match to someone who is not a member (left the plan) is not taken: undecided again.
    const stale = planImport(file, snapshot(), { ownerMatches: { 'jo bloggs': 'user-gone' } });
    expect(stale.preview.unmatchedOwners[0]).toMatchObject({ matchedTo: null, leftUnassigned: false });
    expect(stale.work[0].desired.ownerId).toBeNull();
  });
});
