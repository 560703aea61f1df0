import { bearer, type TestApp, type TestOrganisation } from '../../support/test-app';
import { createWebUser, signInWithAgent, type WebUser } from './web-test-app';

export type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/** Everyone a page that changes a plan's rows is tried with, each signed in, and the plans they stand on. */
export interface PlanRoles {
  board: WebUser;
  owner: WebUser;
  boardAgent: Agent;
  adminAgent: Agent;
  ownerAgent: Agent;
  scrutinyAgent: Agent;
  /** The board member of another plan of the organisation: 404 on this plan's rows. */
  otherPlanAgent: Agent;
  /** An owner in this plan who is on another plan's board: past the roles guard, refused by the plan's own rule. */
  ownerElsewhereBoardAgent: Agent;
  /** A board member of another organisation (`elsewhere`): 404. */
  strangerAgent: Agent;
  elsewhere: TestOrganisation;
  /** A plan the board manages, still open: seed its rows, then close it with `closePlan`. */
  closedPlanId: string;
}

/**
 * The board, an owner, a scrutiny member and the administrator of the organisation's first plan; the
 * board of another plan and an owner who sits on it; a board member of another organisation; and a
 * plan of the board's to be closed once its rows are seeded.
 */
export async function planRoles(t: TestApp, org: TestOrganisation): Promise<PlanRoles> {
  const board = await createWebUser(t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
  const owner = await createWebUser(t, org, 'owner', 'Rowan Ownwell');
  const scrutiny = await createWebUser(t, org, 'scrutiny', 'Morgan Scrutton');
  const otherPlan = await t.createPlan(org, { title: 'SEND improvement plan' });
  const otherPlanBoard = await createWebUser(t, org, 'board', 'Sasha Planswell', { planId: otherPlan.id });
  const ownerElsewhereBoard = await createWebUser(t, org, 'owner', 'Kit Twohats');
  await t.addMember(org, otherPlan.id, ownerElsewhereBoard, 'board');
  const closedPlanId = (await t.createPlan(org, { title: 'Closed adoption plan' })).id;
  await t.addMember(org, closedPlanId, board, 'board');
  const elsewhere = await t.createOrganisation('Elsewhere Council');
  const stranger = await createWebUser(t, elsewhere, 'board', 'Jordan Elsewhere');
  const agentOf = async (email: string) => (await signInWithAgent(t, email)).agent;
  return {
    board,
    owner,
    boardAgent: await agentOf(board.email),
    adminAgent: await agentOf(org.admin.email),
    ownerAgent: await agentOf(owner.email),
    scrutinyAgent: await agentOf(scrutiny.email),
    otherPlanAgent: await agentOf(otherPlanBoard.email),
    ownerElsewhereBoardAgent: await agentOf(ownerElsewhereBoard.email),
    strangerAgent: await agentOf(stranger.email),
    elsewhere,
    closedPlanId,
  };
}

/** Closes a plan (its administrator, through the API): its pages then answer 409 to changes. */
export async function closePlan(t: TestApp, org: TestOrganisation, planId: string): Promise<void> {
  await t.http().post(`/api/v1/plans/${planId}/close`).set(bearer(org.admin)).expect(200);
}
