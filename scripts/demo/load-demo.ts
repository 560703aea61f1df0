/**
 * Loads the demo plans THROUGH THE API and the queues, as users would: admins create users,
 * the board builds the plan, owners post updates and upload evidence, other board members
 * review it, the lead overrides a colour, then RAG recomputes (for three months of reporting
 * dates, so trends show) and both packs are generated and the scrutiny pack published.
 * Organisations are created (and reset) with the project's own CLI.
 *
 * Run by scripts/demo.sh with the API and worker already started.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { DEMO_PLANS, DemoAction, DemoPlan } from './demo-data';

const API = process.env.DEMO_API_URL ?? 'http://127.0.0.1:3000';
const OUT_DIR = resolve(process.env.DEMO_OUT_DIR ?? '.demo');
export const DEMO_PASSWORD = 'Improvement-Demo-2026';

type Json = Record<string, unknown>;

interface Session {
  token: string;
  id: string;
  email: string;
  name: string;
  role: string;
}

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const TODAY = londonToday();
function day(offset: number): string {
  const [y, m, d] = TODAY.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

async function call<T = Json>(method: string, path: string, token: string | null, body?: unknown, expect: number[] = [200, 201, 202, 204]): Promise<T> {
  const res = await fetch(`${API}/api/v1${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function login(email: string): Promise<Session> {
  const r = await call<{ accessToken: string; user: { id: string; name: string; role: string } }>('POST', '/auth/login', null, { email, password: DEMO_PASSWORD });
  return { token: r.accessToken, id: r.user.id, email, name: r.user.name, role: r.user.role };
}

function emailFor(plan: DemoPlan, name: string): string {
  const slug = plan.organisationSlug ?? plan.slug;
  const local = name
    .toLowerCase()
    .replace(/^(cllr|dr|di|supt)\s+/, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@${slug}.example.org`;
}

/**
 * The CLI in a child process, without blocking this one: a blocked event loop would miss the API
 * closing an idle keep-alive connection meanwhile, and the next request would be sent on it.
 */
async function cli(args: string[]): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)('node', [join('dist', 'cli.js'), ...args], { encoding: 'utf8' });
  process.stderr.write(stderr);
  return stdout;
}

async function makePdf(title: string, org: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.fontSize(18).text(title).moveDown();
  doc.fontSize(11).text(`${org}. Demo evidence generated ${TODAY}.`).moveDown();
  doc.text('This document stands in for the real evidence an action owner would upload: an audit report, minutes, a procedure or training records.');
  doc.end();
  return done;
}

async function makeXlsx(title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Evidence');
  ws.addRow([title]);
  ws.addRow(['Item', 'Date', 'Result']);
  for (let i = 1; i <= 20; i++) ws.addRow([`Record ${i}`, new Date(Date.UTC(2026, 0, i)), i % 5 === 0 ? 'Follow up' : 'Complete']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function pollJob(token: string, statusUrl: string, label: string): Promise<Json> {
  const path = statusUrl.replace(/^\/api\/v1/, '');
  for (let i = 0; i < 600; i++) {
    const job = await call('GET', path, token);
    if (job.state === 'completed') return job;
    if (job.state === 'failed') throw new Error(`${label} failed: ${String(job.failedReason)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${label} did not finish in time`);
}

interface LoadedPlan {
  plan: DemoPlan;
  /** `/plans/<id>`: every collection of the plan is under it. */
  base: string;
  admin: Session;
  sessions: Map<string, Session>;
  packs: { audience: string; id: string; files: string[]; published: boolean }[];
  dashboard: Json;
}

interface LoadedOrganisation {
  admin: Session;
  /** The plan the organisation was created with, until a demo plan takes it over. */
  firstPlanId: string | null;
  /** People by email: one login across the council's plans. */
  people: Map<string, Session>;
}

const organisations = new Map<string, LoadedOrganisation>();

/** The plan's council, created (after a reset) the first time one of its plans is loaded. */
async function organisationOf(plan: DemoPlan): Promise<LoadedOrganisation> {
  const slug = plan.organisationSlug ?? plan.slug;
  const known = organisations.get(slug);
  if (known) return known;
  // Reset: the demo only ever deletes its own organisations (slugs starting "demo-"), including
  // the one an earlier demo made per plan.
  for (const old of new Set([slug, plan.slug])) await cli(['delete-organisation', '--slug', old, '--yes']);
  const adminEmail = `admin@${slug}.example.org`;
  await cli(['create-organisation', '--name', plan.organisation, '--slug', slug, '--admin-email', adminEmail, '--admin-password', DEMO_PASSWORD, '--admin-name', 'Demo Administrator']);
  const admin = await login(adminEmail);
  const plans = await call<{ items: { id: string }[] }>('GET', '/plans', admin.token);
  const loaded: LoadedOrganisation = { admin, firstPlanId: plans.items[0].id, people: new Map() };
  organisations.set(slug, loaded);
  return loaded;
}

async function loadPlan(plan: DemoPlan): Promise<LoadedPlan> {
  const org = await organisationOf(plan);
  const admin = org.admin;
  const lead0 = plan.users.find((u) => u.role === 'board');
  const fields = { title: plan.planTitle, serviceArea: plan.serviceArea, programmeLead: lead0?.jobTitle.replace(/ \(programme lead\)$/, '') ?? null };
  let planId: string;
  if (org.firstPlanId) {
    // The organisation's first plan becomes this one.
    planId = org.firstPlanId;
    org.firstPlanId = null;
    const current = await call<{ version: number }>('GET', `/plans/${planId}`, admin.token);
    await call('PATCH', `/plans/${planId}`, admin.token, { ...fields, version: current.version });
  } else {
    planId = (await call<{ id: string }>('POST', '/plans', admin.token, fields)).id;
  }
  const base = `/plans/${planId}`;

  // A person is one login in the council; their role is held per plan.
  const sessions = new Map<string, Session>();
  for (const u of plan.users) {
    const email = emailFor(plan, u.name);
    let person = org.people.get(email);
    if (!person) {
      await call('POST', '/users', admin.token, { email, name: u.name, role: 'member', jobTitle: u.jobTitle, partnerAgency: u.partnerAgency, password: DEMO_PASSWORD });
      person = await login(email);
      org.people.set(email, person);
    }
    await call('PUT', `${base}/members/${person.id}`, admin.token, { role: u.role });
    sessions.set(u.key, { ...person, role: u.role });
  }
  const lead = [...sessions.values()].find((s) => s.role === 'board')!;
  const who = (key: string) => sessions.get(key)!;

  const regulators = await call<{ items: { id: string; code: string }[] }>('GET', '/regulators?pageSize=200', lead.token);
  const regulatorId = regulators.items.find((r) => r.code === plan.inspection.regulator)!.id;
  const i = plan.inspection;
  const inspection = await call<{ id: string }>('POST', `${base}/inspections`, lead.token, {
    regulatorId,
    kind: i.kind,
    title: i.title,
    startDate: day(i.start),
    endDate: day(i.end),
    publishedDate: day(i.published),
    reportReference: i.reportReference,
    ...(i.qualityStatementScores ? { qualityStatementScores: i.qualityStatementScores } : {}),
    ...(i.judgements ? { judgements: i.judgements } : {}),
  });

  const notices = new Map<string, string>();
  for (const n of plan.notices) {
    const created = await call<{ id: string }>('POST', `${base}/notices`, lead.token, {
      kind: n.kind,
      title: n.title,
      inspectionId: inspection.id,
      issuedOn: day(n.issued),
      deadline: n.deadline === null ? null : day(n.deadline),
      failings: n.failings,
      requirements: n.requirements,
    });
    notices.set(n.key, created.id);
  }

  const findings = new Map<string, string>();
  for (const f of plan.findings) {
    const created = await call<{ id: string }>('POST', `${base}/findings`, lead.token, {
      inspectionId: inspection.id,
      noticeId: f.notice ? notices.get(f.notice) : null,
      reference: f.reference,
      title: f.title,
      text: f.text,
      theme: f.theme,
      ...(f.score !== undefined ? { score: f.score } : {}),
      type: f.type,
    });
    findings.set(f.key, created.id);
  }

  const workstreams = new Map<string, string>();
  for (const [index, w] of plan.workstreams.entries()) {
    const created = await call<{ id: string }>('POST', `${base}/workstreams`, lead.token, { code: w.code, title: w.title, description: w.description, leadRole: w.leadRole, sortOrder: index + 1 });
    workstreams.set(w.key, created.id);
  }

  for (const a of plan.actions) await loadAction(plan, a, { base, lead, who, findings, workstreams });

  return { plan, base, admin, sessions, packs: [], dashboard: {} };
}

async function loadAction(
  plan: DemoPlan,
  a: DemoAction,
  ctx: { base: string; lead: Session; who: (k: string) => Session; findings: Map<string, string>; workstreams: Map<string, string> },
): Promise<void> {
  const owner = ctx.who(a.owner);
  const started = a.status !== 'not_started';
  const created = await call<{ id: string }>('POST', `${ctx.base}/actions`, ctx.lead.token, {
    reference: a.reference,
    title: a.title,
    description: a.description,
    workstreamId: ctx.workstreams.get(a.workstream),
    findingIds: a.findings.map((f) => ctx.findings.get(f)),
    ownerId: owner.id,
    leadAgency: a.leadAgency,
    startDate: day(a.start),
    dueDate: day(a.due),
    successMeasures: a.successMeasures,
    status: started ? 'in_progress' : 'not_started',
    progressPercent: started ? Math.min(a.progress, 90) : 0,
    milestones: a.milestones.map((m) => ({ title: m.title, dueDate: day(m.due), allowAfterActionDue: m.due > a.due })),
  });

  // The owner completes milestones that are done (on the day they were done).
  const detail = await call<{ milestones: { id: string; title: string; version: number }[] }>('GET', `/actions/${created.id}`, owner.token);
  for (const m of a.milestones) {
    if (m.completed === undefined) continue;
    const ms = detail.milestones.find((x) => x.title === m.title)!;
    await call('PATCH', `/actions/${created.id}/milestones/${ms.id}`, owner.token, { completedOn: day(m.completed), version: ms.version });
  }

  // Narrative updates, oldest first; the last one carries the status the owner reports.
  const updates = [...a.updates].sort((x, y) => y.daysAgo - x.daysAgo);
  for (const [n, u] of updates.entries()) {
    const last = n === updates.length - 1;
    await call('POST', `/actions/${created.id}/updates`, owner.token, {
      narrative: u.narrative,
      updateDate: day(-u.daysAgo),
      ...(last && started ? { status: a.status === 'embedded' ? 'complete' : a.status, progressPercent: a.progress } : {}),
    });
  }
  if (a.status === 'embedded') {
    const current = await call<{ version: number }>('GET', `/actions/${created.id}`, ctx.lead.token);
    await call('PATCH', `/actions/${created.id}`, ctx.lead.token, { status: 'embedded', version: current.version });
  }

  for (const e of a.evidence) {
    const file = e.kind === 'pdf' ? await makePdf(e.title, plan.organisation) : await makeXlsx(e.title);
    const form = new FormData();
    form.append('title', e.title);
    form.append('file', new Blob([new Uint8Array(file)]), `${e.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${e.kind}`);
    const uploaded = await call<{ id: string }>('POST', `/actions/${created.id}/evidence`, owner.token, form);
    if (e.review) {
      await call('POST', `/evidence/${uploaded.id}/review`, ctx.who(e.review.by).token, { decision: e.review.decision, comment: e.review.comment });
    }
  }

  if (a.override) {
    await call('POST', `/actions/${created.id}/rag-override`, ctx.who(a.override.by).token, {
      colour: a.override.colour,
      reason: a.override.reason,
      expiresOn: day(a.override.expires),
    });
  }
}

/** Three months of monthly reporting dates (so the trend charts have points), then today. */
const REPORTING_DATES = [day(-84), day(-56), day(-28), TODAY];

async function computeAndPublish(loaded: LoadedPlan): Promise<void> {
  const lead = [...loaded.sessions.values()].find((s) => s.role === 'board')!;
  for (const asOf of REPORTING_DATES) {
    const job = await call<{ jobId: string; statusUrl: string }>('POST', `${loaded.base}/rag/recompute`, lead.token, { asOf });
    await pollJob(lead.token, job.statusUrl, `RAG recompute ${asOf}`);
  }
  loaded.dashboard = await call('GET', `${loaded.base}/dashboard?asOf=${TODAY}`, lead.token);

  const dir = join(OUT_DIR, 'packs', loaded.plan.slug);
  mkdirSync(dir, { recursive: true });
  for (const audience of ['board', 'scrutiny'] as const) {
    const created = await call<{ id: string }>('POST', `${loaded.base}/packs`, lead.token, { audience, asOf: TODAY });
    let pack: Json = {};
    for (let i = 0; i < 600; i++) {
      pack = await call('GET', `/packs/${created.id}`, lead.token);
      if (pack.state === 'ready' || pack.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (pack.state !== 'ready') throw new Error(`${audience} pack for ${loaded.plan.slug}: ${String(pack.state)} ${typeof pack.failureReason === 'string' ? pack.failureReason : ''}`);
    const files: string[] = [];
    for (const format of ['pdf', 'docx', 'xlsx', 'json']) {
      const res = await fetch(`${API}/api/v1/packs/${created.id}/files/${format}`, { headers: { Authorization: `Bearer ${lead.token}` } });
      if (!res.ok) throw new Error(`download ${format}: ${res.status}`);
      const path = join(dir, `${audience}-pack-${TODAY}.${format}`);
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      files.push(path);
    }
    let published = false;
    if (audience === 'scrutiny') {
      // As a clerk would: read the publication check first, then publish, acknowledging the
      // possible names it still lists (the acknowledgement is audited with the list).
      const check = await call<{ replacements: unknown[]; suspects: { word: string; field: string }[] }>('GET', `/packs/${created.id}/publication-check`, lead.token);
      if (check.suspects.length > 0) {
        console.log(`[demo]   publication check for ${loaded.plan.slug}: ${check.replacements.length} names replaced; possible names left: ${check.suspects.map((x) => `'${x.word}' (${x.field})`).join(', ')}`);
      }
      await call('POST', `/packs/${created.id}/publish`, lead.token, { acknowledgeSuspects: check.suspects.length > 0 });
      published = true;
    }
    loaded.packs.push({ audience, id: created.id, files, published });
  }
}

function colourLine(counts: Record<string, number> | undefined): string {
  if (!counts) return '(no counts)';
  return ['red', 'amber', 'green', 'blue', 'grey'].map((c) => `${c} ${counts[c] ?? 0}`).join(', ');
}

async function main(): Promise<void> {
  const loaded: LoadedPlan[] = [];
  for (const plan of DEMO_PLANS) {
    process.stdout.write(`[demo] loading ${plan.organisation}: ${plan.planTitle} through the API ...\n`);
    const l = await loadPlan(plan);
    process.stdout.write(`[demo]   computing RAG for ${REPORTING_DATES.join(', ')} and generating packs through the queues ...\n`);
    await computeAndPublish(l);
    loaded.push(l);
  }
  const summary = loaded.map((l) => ({
    organisation: l.plan.organisation,
    plan: l.plan.planTitle,
    slug: l.plan.slug,
    logins: [{ role: 'admin', email: l.admin.email }, ...l.plan.users.map((u) => ({ role: u.role, email: emailFor(l.plan, u.name), name: u.name, jobTitle: u.jobTitle }))],
    dashboard: l.dashboard,
    packs: l.packs,
  }));
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'summary.json'), JSON.stringify(summary, null, 2));

  const out: string[] = [];
  out.push('', '================ improvement-tracker demo is running ================', '');
  out.push(`Web pages:        ${API}/   (sign in with any login below)`);
  out.push(`API:              ${API}/api/v1`);
  out.push(`OpenAPI UI:       ${API}/api/docs   (click "Authorize" and paste a token from POST /api/v1/auth/login)`);
  out.push(`OpenAPI JSON:     ${API}/api/docs-json`);
  out.push(`Password for every demo login: ${DEMO_PASSWORD}`, '');
  for (const s of summary) {
    const byRole = (role: string) => s.logins.find((x) => x.role === role);
    out.push(`${s.organisation}: ${s.plan}`);
    for (const role of ['admin', 'board', 'owner', 'scrutiny']) {
      const u = byRole(role);
      if (u) out.push(`  ${role.padEnd(9)} ${u.email}${'jobTitle' in u ? `  (${String(u.jobTitle)})` : ''}`);
    }
    const overall = (s.dashboard as { overall?: { counts?: Record<string, number> } }).overall;
    out.push(`  dashboard today: ${colourLine(overall?.counts)}`);
    for (const p of s.packs) out.push(`  ${p.audience} pack${p.published ? ' (published to scrutiny)' : ''}: ${p.files[0].replace(/\.pdf$/, '.{pdf,docx,xlsx,json}')}`);
    out.push('');
  }
  // People who hold roles in more than one plan of their council (one login, a role per plan).
  const plansOf = new Map<string, string[]>();
  for (const s of summary) for (const u of s.logins.slice(1)) plansOf.set(u.email, [...(plansOf.get(u.email) ?? []), `${u.role} in ${s.plan}`]);
  const several = [...plansOf].filter(([, roles]) => roles.length > 1);
  if (several.length) {
    out.push('People in more than one plan (one login each):');
    for (const [email, roles] of several) out.push(`  ${email}: ${roles.join('; ')}`);
    out.push('');
  }
  out.push(`Everything above is also in ${join(OUT_DIR, 'summary.json')}. Logs: ${join(OUT_DIR, 'logs')}. Stop with: npm run demo:stop`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[demo] failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
