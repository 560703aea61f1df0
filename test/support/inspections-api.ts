import type { Response } from 'supertest';
import { bearer, inPlan, TestApp, TestOrganisation, TestUser } from './test-app';

/**
 * Helpers for the plan-model tests (regulators, inspections, notices, findings, workstreams):
 * the seed-002 world built through the HTTP API, and the permission matrix every plan endpoint
 * must honour.
 */

/** Seed 002: overall "Requires improvement", safeguarding scored 1 (18/36 = 50%). */
export const SEED_002_SCORES = {
  assessing_needs: 2,
  supporting_healthier_lives: 2,
  equity_in_experience_and_outcomes: 2,
  care_provision_integration_continuity: 2,
  partnerships_and_communities: 3,
  safe_pathways_systems_transitions: 2,
  safeguarding: 1,
  governance_management_sustainability: 2,
  learning_improvement_innovation: 2,
};

/** The five key outcomes of seed 002, as workstreams. */
export const SEED_002_KEY_OUTCOMES = [
  { code: 'KO1', title: 'Improved safeguarding practice', leadRole: 'Principal Social Worker' },
  { code: 'KO2', title: 'Empowered professionals and partners', leadRole: 'Head of Workforce Development' },
  { code: 'KO3', title: 'Accessible services', leadRole: 'Head of Customer Services' },
  { code: 'KO4', title: 'Stronger performance monitoring', leadRole: 'Head of Performance' },
  { code: 'KO5', title: 'Clear governance and leadership', leadRole: 'Director of Adult Social Services' },
];

export async function regulatorIds(t: TestApp, user: TestUser): Promise<Record<string, string>> {
  const res = await t.http().get('/api/v1/regulators?pageSize=200').set(bearer(user)).expect(200);
  return Object.fromEntries((res.body.items as { code: string; id: string }[]).map((r) => [r.code, r.id]));
}

export function seed002InspectionBody(cqcId: string, extra: Record<string, unknown> = {}) {
  return {
    regulatorId: cqcId,
    kind: 'cqc_la_assessment',
    title: 'CQC assessment of adult social care',
    startDate: '2025-03-03',
    endDate: '2025-03-14',
    publishedDate: '2025-06-20',
    reportReference: 'CQC LA assessment report',
    reportUrl: 'https://www.cqc.org.uk/care-services/local-authority-assessment-reports',
    qualityStatementScores: SEED_002_SCORES,
    ...extra,
  };
}

/** A plan's collections: created and listed under /plans/:planId (the user's plan). */
const PLAN_COLLECTIONS = ['inspections', 'notices', 'findings', 'workstreams', 'actions'];

/** POST and expect 201 (a plan's collection in the user's plan); returns the body (as supertest types it). */
export async function post(t: TestApp, user: TestUser, path: string, body: object) {
  const url = PLAN_COLLECTIONS.includes(path) ? inPlan(user.planId, path) : `/api/v1/${path}`;
  const res = await t.http().post(url).set(bearer(user)).send(body);
  if (res.status !== 201) throw new Error(`POST ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A row as the API answered it (supertest types bodies loosely). */
export type ApiRow = Awaited<ReturnType<typeof post>>;

/** A 400 that names the field (in the message and in details). */
export function expectInvalidField(res: Response, field: string, message?: RegExp): void {
  expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: expect.stringContaining(field) });
  expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  if (message) expect(res.body.message).toMatch(message);
}

export interface PlanRoles {
  admin: TestUser;
  board: TestUser;
  owner: TestUser;
  scrutiny: TestUser;
  /** The admin of another organisation. */
  stranger: TestUser;
}

export async function planRoles(t: TestApp, org: TestOrganisation, other: TestOrganisation): Promise<PlanRoles> {
  return {
    admin: org.admin,
    board: await t.createUser(org, 'board'),
    owner: await t.createUser(org, 'owner'),
    scrutiny: await t.createUser(org, 'scrutiny'),
    stranger: other.admin,
  };
}

export interface MatrixSpec {
  /** e.g. 'workstreams' */
  path: string;
  /** A row made by the caller; only read and refused changes touch it. */
  id: string;
  /** A fresh, valid create body each call (unique codes and references). */
  createBody: () => object;
  /** A valid update body for a row at `version`. */
  updateBody: (version: number) => object;
}

/**
 * The permission matrix of one plan endpoint: admin and board write; owner reads; scrutiny gets
 * 403 on lists and writes and 404 on single rows; another organisation gets 404 on every row
 * endpoint and never sees the row in its lists.
 */
export async function expectPlanPermissions(t: TestApp, roles: PlanRoles, spec: MatrixSpec): Promise<void> {
  /** The collection in the user's plan (another organisation's admin: their own plan). */
  const url = (u: TestUser) => inPlan(u.planId, spec.path);
  const one = `/api/v1/${spec.path}/${spec.id}`;
  const row = (id: string) => `/api/v1/${spec.path}/${id}`;
  const http = () => t.http();

  // Reading
  for (const u of [roles.admin, roles.board, roles.owner]) {
    const list = await http().get(`${url(u)}?pageSize=200`).set(bearer(u)).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(spec.id);
    await http().get(one).set(bearer(u)).expect(200);
  }
  expect((await http().get(url(roles.scrutiny)).set(bearer(roles.scrutiny))).status).toBe(403);
  expect((await http().get(one).set(bearer(roles.scrutiny))).status).toBe(404);
  expect((await http().get(one).set(bearer(roles.stranger))).status).toBe(404);
  const strangerList = await http().get(`${url(roles.stranger)}?pageSize=200`).set(bearer(roles.stranger)).expect(200);
  expect(strangerList.body.items.map((r: { id: string }) => r.id)).not.toContain(spec.id);

  // Writing: refused
  const current = (await http().get(one).set(bearer(roles.admin)).expect(200)).body as { version: number };
  for (const u of [roles.owner, roles.scrutiny]) {
    expect((await http().post(url(u)).set(bearer(u)).send(spec.createBody())).status).toBe(403);
    expect((await http().patch(one).set(bearer(u)).send(spec.updateBody(current.version))).status).toBe(403);
    expect((await http().delete(one).set(bearer(u))).status).toBe(403);
  }
  expect((await http().patch(one).set(bearer(roles.stranger)).send(spec.updateBody(current.version))).status).toBe(404);
  expect((await http().delete(one).set(bearer(roles.stranger))).status).toBe(404);
  await http().get(one).set(bearer(roles.admin)).expect(200);

  // Writing: allowed, for admin and board alike
  for (const u of [roles.admin, roles.board]) {
    const created = await http().post(url(u)).set(bearer(u)).send(spec.createBody()).expect(201);
    const updated = await http().patch(row(created.body.id)).set(bearer(u)).send(spec.updateBody(created.body.version)).expect(200);
    expect(updated.body.version).toBe(created.body.version + 1);
    await http().delete(row(created.body.id)).set(bearer(u)).expect(204);
    await http().get(row(created.body.id)).set(bearer(u)).expect(404);
  }
}

/** The audit events of one row, oldest first. */
export async function auditOf(t: TestApp, user: TestUser, entityType: string, entityId: string) {
  const res = await t.http().get(`/api/v1/audit-events?entityType=${entityType}&entityId=${entityId}&pageSize=200`).set(bearer(user)).expect(200);
  return (res.body.items as { action: string; actorId: string; changes: Record<string, { before: unknown; after: unknown }>; requestId: string }[]).reverse();
}
