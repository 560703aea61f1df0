/**
 * Loads the demo plans THROUGH THE API and the queues, as users would, IN DATE ORDER: the
 * application's clock (the demo's file clock, DEMO_CLOCK_FILE, read by the API and the worker) is
 * advanced day by day, each fact (the plan built, actions started, milestones completed, updates,
 * evidence uploaded and reviewed, overrides set) is recorded on its own day, and at the end of each
 * day the nightly RAG job runs for that day. On each of the last `historyDays` days the daily e-mail
 * reminder scan runs first, at 06:00 (as the worker's scheduler runs it), so the worker sends a
 * month of reminders to the demo's SMTP catcher. So the history is made the way real history is made:
 * no past date is ever evaluated with later facts. Then both packs are generated and the scrutiny
 * pack published, at the real time. Organisations are created (and reset) with the project's own CLI.
 *
 * Run by scripts/demo.sh with the API and worker already started; test/demo-history.e2e-spec.ts
 * runs `loadDemo` against an in-process app with a fixed clock.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { addDays, londonMidnightUtc } from '../../src/common/dates/calendar-date';
import { BOARD_COMMITTEE_NAME, BOARD_MEETING_DAYS, DEMO_PLANS, DemoAction, DemoEvidence, DemoPlan } from './demo-data';
import { summaryText, type PlanSummary, type SummaryLogin } from './demo-summary';

let API = process.env.DEMO_API_URL ?? 'http://127.0.0.1:3000';
let OUT_DIR = resolve(process.env.DEMO_OUT_DIR ?? '.demo');
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

export interface LoadDemoOptions {
  /** The demo's day (London); the data's day offsets count from it. */
  today: string;
  /** Sets the application's clock (the API's and the worker's). */
  setClock: (instant: Date) => Promise<void> | void;
  /** Creates (after resetting) the plan's organisation with its administrator. */
  createOrganisation: (plan: DemoPlan, slug: string, adminEmail: string) => Promise<{ adminEmail: string; adminPassword: string }>;
  /** The nightly job runs for every day of the last `historyDays` (and every earlier day on which something happened). */
  historyDays: number;
  /** Generate, download and publish the packs (the demo does; the history test does not). */
  packs: boolean;
  /**
   * Run the daily e-mail reminder scan (the worker's 06:00 job) at 06:00 of each of the last
   * `historyDays` days, through the API (POST /admin/notifications/scan, as each council's
   * administrator): a month of reminders, as a council that switched e-mail on a month ago gets.
   */
  notificationScan: boolean;
  /**
   * Generate the board's pack (PDF only, to keep the demo quick) on the reporting date of each of the
   * board's past meetings, after that day's nightly run (the demo does; the history test does not).
   */
  meetingPacks: boolean;
}

let options: LoadDemoOptions;
let TODAY = londonToday();
/** The clock's current London day while replaying (the day facts are recorded on). */
let clockDay = TODAY;

function day(offset: number): string {
  return addDays(TODAY, offset);
}
function today(): string {
  return clockDay;
}
function offsetOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${TODAY}T00:00:00Z`)) / 86_400_000);
}
/** `hours` after London midnight of `date`; on the demo's own day never later than the real time (so nothing is recorded in the future). */
function instantOn(date: string, hours: number): Date {
  clockDay = date;
  // The real day: the real time (later steps of the day are later anyway).
  if (date === londonToday()) return new Date();
  return new Date(londonMidnightUtc(date).getTime() + hours * 3_600_000);
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

async function pollJob(token: string, statusUrl: string, label: string, intervalMs = 250): Promise<Json> {
  const path = statusUrl.replace(/^\/api\/v1/, '');
  for (let i = 0; i < (150_000 / intervalMs); i++) {
    const job = await call('GET', path, token);
    if (job.state === 'completed') return job;
    if (job.state === 'failed') throw new Error(`${label} failed: ${String(job.failedReason)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${label} did not finish in time`);
}

export interface LoadedPlan {
  plan: DemoPlan;
  /** `/plans/<id>`: every collection of the plan is under it. */
  base: string;
  admin: Session;
  sessions: Map<string, Session>;
  packs: { audience: string; id: string; files: string[]; published: boolean }[];
  dashboard: Json;
  /** The council's people's job titles, by email (as their user records hold them). */
  jobTitles: Map<string, string>;
  /** Action ids by reference. */
  actionIds: Map<string, string>;
  /** The board's meetings (see BOARD_MEETING_DAYS), and the packs made for the past ones on their reporting dates. */
  meetings: { id: string; meetsOn: string; papersDeadline: string }[];
  meetingPacks: { meetingId: string; asOf: string; packId: string }[];
}

interface LoadedOrganisation {
  admin: Session;
  /** The plan the organisation was created with, until a demo plan takes it over. */
  firstPlanId: string | null;
  /** People by email: one login across the council's plans. */
  people: Map<string, Session>;
  /** Their job titles as created (the first plan that names them). */
  jobTitles: Map<string, string>;
}

const organisations = new Map<string, LoadedOrganisation>();

/** The CLI's way (the default): reset the demo's own organisations, then create it with its administrator. */
async function createWithCli(plan: DemoPlan, slug: string, adminEmail: string): Promise<{ adminEmail: string; adminPassword: string }> {
  // Reset: the demo only ever deletes its own organisations (slugs starting "demo-"), including
  // the one an earlier demo made per plan.
  for (const old of new Set([slug, plan.slug])) await cli(['delete-organisation', '--slug', old, '--yes']);
  await cli(['create-organisation', '--name', plan.organisation, '--slug', slug, '--admin-email', adminEmail, '--admin-password', DEMO_PASSWORD, '--admin-name', 'Demo Administrator']);
  return { adminEmail, adminPassword: DEMO_PASSWORD };
}

/** The plan's council, created (after a reset) the first time one of its plans is loaded. */
async function organisationOf(plan: DemoPlan): Promise<LoadedOrganisation> {
  const slug = plan.organisationSlug ?? plan.slug;
  const known = organisations.get(slug);
  if (known) return known;
  const made = await options.createOrganisation(plan, slug, `admin@${slug}.example.org`);
  const r = await call<{ accessToken: string; user: { id: string; name: string; role: string } }>('POST', '/auth/login', null, { email: made.adminEmail, password: made.adminPassword });
  const admin: Session = { token: r.accessToken, id: r.user.id, email: made.adminEmail, name: r.user.name, role: r.user.role };
  const plans = await call<{ items: { id: string }[] }>('GET', '/plans', admin.token);
  const loaded: LoadedOrganisation = { admin, firstPlanId: plans.items[0].id, people: new Map(), jobTitles: new Map() };
  organisations.set(slug, loaded);
  return loaded;
}

// ---- The timeline ---------------------------------------------------------------------------------
//
// Each fact of the demo happens on its own day, with the application's clock at that day: the plan
// is built on its first day, an action starts on its start date, milestones are completed, updates
// posted, evidence uploaded and reviewed and overrides set each on theirs. At the end of each day
// the plans' RAG is computed for that day (what the nightly job does), so every snapshot is what
// the nightly run on that date gave. Nothing evaluates today's facts at a past date.

/** What happens on one day, in the order of `step` within the day. */
interface DemoEvent {
  day: number;
  step: number;
  /** Runs after the day's nightly job (a pack reads that day's snapshots), not before it. */
  afterNightly?: boolean;
  plan: DemoPlan;
  what: string;
  run: () => Promise<void>;
}

/** The steps of a day, in order. */
const STEP = { build: 0, start: 1, milestone: 2, update: 3, embed: 4, upload: 5, review: 6, override: 7, boardPack: 8 } as const;

interface PlanState {
  base: string;
  lead: Session;
  who: (key: string) => Session;
  loaded: LoadedPlan;
  actionIds: Map<string, string>;
}

/** The first day of a plan's story: its earliest dated fact (the inspection's visit precedes it). */
function firstDayOf(plan: DemoPlan): number {
  const days = [plan.inspection.published, ...plan.notices.map((n) => n.issued)];
  for (const a of plan.actions) {
    days.push(a.start, ...a.updates.map((u) => -u.daysAgo));
    for (const m of a.milestones) if (m.completed !== undefined) days.push(m.completed);
  }
  return Math.min(0, ...days);
}

/** The day an evidence file was uploaded, when demo-data does not say: after the work it shows (the action's latest completed milestone or update), else a fortnight before the demo's day. */
function uploadDayOf(a: DemoAction, e: DemoEvidence, first: number): number {
  if (e.uploaded !== undefined) return e.uploaded;
  const linked = e.milestone !== undefined ? a.milestones[e.milestone]?.completed : undefined;
  if (linked !== undefined) return linked;
  const done = [...a.milestones.flatMap((m) => (m.completed !== undefined ? [m.completed] : [])), ...a.updates.map((u) => -u.daysAgo)];
  return Math.max(first, Math.min(0, done.length > 0 ? Math.max(...done) : -14));
}

function planEvents(plan: DemoPlan, state: Promise<PlanState>): DemoEvent[] {
  const first = firstDayOf(plan);
  const events: DemoEvent[] = [];
  const at = (day: number, step: number, what: string, run: (s: PlanState) => Promise<void>) =>
    events.push({ day: Math.max(first, Math.min(0, day)), step, plan, what, run: async () => run(await state) });

  for (const a of plan.actions) {
    const action = (s: PlanState) => s.actionIds.get(a.reference)!;
    const owner = (s: PlanState) => s.who(a.owner);
    // The action starts on its start date (it was recorded not started when the plan was built).
    if (a.status !== 'not_started') {
      at(a.start, STEP.start, `${a.reference} starts`, async (s) => {
        const current = await call<{ version: number }>('GET', `/actions/${action(s)}`, s.lead.token);
        await call('PATCH', `/actions/${action(s)}`, s.lead.token, { status: 'in_progress', progressPercent: Math.min(a.progress, a.updates.length > 0 ? 10 : 90), version: current.version });
      });
    }
    // The owner completes milestones on the day they were done.
    for (const m of a.milestones) {
      if (m.completed === undefined) continue;
      at(m.completed, STEP.milestone, `${a.reference} milestone done`, async (s) => {
        const detail = await call<{ milestones: { id: string; title: string; version: number }[] }>('GET', `/actions/${action(s)}`, owner(s).token);
        const ms = detail.milestones.find((x) => x.title === m.title)!;
        await call('PATCH', `/actions/${action(s)}/milestones/${ms.id}`, owner(s).token, { completedOn: today(), version: ms.version });
      });
    }
    // Narrative updates on their dates; the last one carries the status the owner reports.
    const updates = [...a.updates].sort((x, y) => y.daysAgo - x.daysAgo);
    const started = a.status !== 'not_started';
    for (const [n, u] of updates.entries()) {
      const last = n === updates.length - 1;
      at(-u.daysAgo, STEP.update, `${a.reference} update`, async (s) => {
        await call('POST', `/actions/${action(s)}/updates`, owner(s).token, {
          narrative: u.narrative,
          updateDate: today(),
          ...(last && started ? { status: a.status === 'embedded' ? 'complete' : a.status, progressPercent: a.progress } : {}),
        });
      });
    }
    if (a.status === 'embedded') {
      const lastDay = updates.length > 0 ? -updates[updates.length - 1].daysAgo : 0;
      at(lastDay, STEP.embed, `${a.reference} embedded`, async (s) => {
        const current = await call<{ version: number; status: string }>('GET', `/actions/${action(s)}`, s.lead.token);
        if (current.status !== 'complete') await call('PATCH', `/actions/${action(s)}`, s.lead.token, { status: 'complete', version: current.version });
        const now = await call<{ version: number }>('GET', `/actions/${action(s)}`, s.lead.token);
        await call('PATCH', `/actions/${action(s)}`, s.lead.token, { status: 'embedded', version: now.version });
      });
    }
    for (const e of a.evidence) {
      const uploadedOn = uploadDayOf(a, e, first);
      const uploaded: { id?: string } = {};
      at(uploadedOn, STEP.upload, `${a.reference} evidence`, async (s) => {
        const file = e.kind === 'pdf' ? await makePdf(e.title, plan.organisation) : await makeXlsx(e.title);
        const form = new FormData();
        form.append('title', e.title);
        form.append('file', new Blob([new Uint8Array(file)]), `${e.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${e.kind}`);
        uploaded.id = (await call<{ id: string }>('POST', `/actions/${action(s)}/evidence`, owner(s).token, form)).id;
      });
      const review = e.review;
      if (review) {
        // Reviewed a few days after upload (and never before it).
        at(Math.max(uploadedOn, review.on ?? Math.min(0, uploadedOn + 3)), STEP.review, `${a.reference} review`, async (s) => {
          await call('POST', `/evidence/${uploaded.id}/review`, s.who(review.by).token, { decision: review.decision, comment: review.comment });
        });
      }
    }
    const override = a.override;
    if (override) {
      at(override.set ?? -7, STEP.override, `${a.reference} override`, async (s) => {
        await call('POST', `/actions/${action(s)}/rag-override`, s.who(override.by).token, { colour: override.colour, reason: override.reason, expiresOn: day(override.expires) });
      });
    }
  }
  return events;
}

/** The plan as the board builds it on its first day: people, the inspection and notices, findings, workstreams, actions (not started) with their milestones. */
async function buildPlan(plan: DemoPlan): Promise<PlanState> {
  const org = await organisationOf(plan);
  const admin = org.admin;
  const lead0 = plan.users.find((u) => u.role === 'board');
  const fields = {
    title: plan.planTitle,
    serviceArea: plan.serviceArea,
    programmeLead: lead0?.jobTitle.replace(/ \(programme lead\)$/, '') ?? null,
    // The council's own target for the whole plan (not a regulator's deadline).
    targetDate: plan.targetDay === undefined ? null : day(plan.targetDay),
  };
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
      org.jobTitles.set(email, u.jobTitle);
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

  const actionIds = new Map<string, string>();
  for (const a of plan.actions) {
    const created = await call<{ id: string }>('POST', `${base}/actions`, lead.token, {
      reference: a.reference,
      title: a.title,
      description: a.description,
      workstreamId: workstreams.get(a.workstream),
      findingIds: a.findings.map((f) => findings.get(f)),
      ownerId: who(a.owner).id,
      leadAgency: a.leadAgency,
      startDate: day(a.start),
      dueDate: day(a.due),
      successMeasures: a.successMeasures,
      status: 'not_started',
      progressPercent: 0,
      milestones: a.milestones.map((m) => ({ title: m.title, dueDate: day(m.due), allowAfterActionDue: m.due > a.due })),
    });
    actionIds.set(a.reference, created.id);
  }

  // The board's calendar: its committee and its meetings, the papers deadline by the rule.
  const committee = await call<{ id: string }>('POST', `${base}/committees`, lead.token, { name: BOARD_COMMITTEE_NAME, audience: 'board' });
  const meetings: LoadedPlan['meetings'] = [];
  for (const d of BOARD_MEETING_DAYS) {
    const m = await call<{ id: string; meetsOn: string; papersDeadline: string }>('POST', `${base}/meetings`, lead.token, { committeeId: committee.id, meetsOn: day(d), startsAt: '14:00', venue: 'Committee Room 1, Town Hall' });
    meetings.push({ id: m.id, meetsOn: m.meetsOn, papersDeadline: m.papersDeadline });
  }

  const loaded: LoadedPlan = { plan, base, admin, sessions, packs: [], dashboard: {}, jobTitles: org.jobTitles, actionIds, meetings, meetingPacks: [] };
  return { base, lead, who, loaded, actionIds };
}

/** The regulators' deadlines the plan's inspection set (src/deadlines): the council met each a few days early. */
async function regulatorDeadlineEvents(plan: DemoPlan, s: PlanState): Promise<DemoEvent[]> {
  const list = await call<{ items: { milestoneId: string; actionId: string; dueOn: string }[] }>('GET', `${s.base}/regulator-deadlines`, s.lead.token);
  return list.items.flatMap((d) => {
    const doneOn = offsetOf(d.dueOn) - 3;
    if (doneOn > 0) return [];
    return [
      {
        day: Math.max(doneOn, offsetOf(today())),
        step: STEP.milestone,
        plan,
        what: 'regulator deadline met',
        run: async () => {
          const detail = await call<{ milestones: { id: string; version: number }[] }>('GET', `/actions/${d.actionId}`, s.lead.token);
          const ms = detail.milestones.find((x) => x.id === d.milestoneId)!;
          await call('PATCH', `/actions/${d.actionId}/milestones/${ms.id}`, s.lead.token, { completedOn: today(), version: ms.version });
        },
      },
    ];
  });
}

/** The board's pack for each past meeting, on its reporting date (the papers deadline), after that day's nightly run. */
function meetingPackEvents(plan: DemoPlan, s: PlanState): DemoEvent[] {
  if (!options.meetingPacks) return [];
  return s.loaded.meetings
    .filter((m) => offsetOf(m.papersDeadline) <= 0 && offsetOf(m.papersDeadline) >= offsetOf(today()))
    .map((m) => ({
      day: offsetOf(m.papersDeadline),
      step: STEP.boardPack,
      afterNightly: true,
      plan,
      what: 'board pack for the meeting',
      run: async () => {
        // No asOf: the meeting's papers deadline (today), as the board's clerk asks for it.
        const created = await call<{ id: string; statusUrl?: string }>('POST', `${s.base}/packs`, s.lead.token, { meetingId: m.id, formats: ['pdf'] });
        for (let i = 0; i < 600; i++) {
          const pack = await call<{ state: string; asOf: string; failureReason?: string }>('GET', `/packs/${created.id}`, s.lead.token);
          if (pack.state === 'ready') {
            s.loaded.meetingPacks.push({ meetingId: m.id, asOf: pack.asOf, packId: created.id });
            return;
          }
          if (pack.state === 'failed') throw new Error(`board pack for ${m.meetsOn}: ${pack.failureReason ?? 'failed'}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`board pack for ${m.meetsOn} did not finish in time`);
      },
    }));
}

/** What the reminder scans wrote, by message kind, over the replay. */
const scanned = { days: 0, written: 0, byKind: new Map<string, number>() };

/**
 * The worker's 06:00 reminder scan for the day the clock is at, run for each council loaded so far by
 * its administrator: queued (202), and waited for before the clock moves on.
 */
async function morningScan(): Promise<void> {
  for (const org of organisations.values()) {
    const job = await call<{ jobId: string; statusUrl: string }>('POST', '/admin/notifications/scan', org.admin.token);
    const run = (await pollJob(org.admin.token, job.statusUrl, `reminder scan ${today()}`, 40)).returnValue as { written: number; byKind: Record<string, Record<string, number>> };
    scanned.written += run.written;
    for (const [kind, outcomes] of Object.entries(run.byKind)) {
      if (outcomes.written) scanned.byKind.set(kind, (scanned.byKind.get(kind) ?? 0) + outcomes.written);
    }
  }
  scanned.days++;
}

/** The nightly job for the day the clock is at: each plan built so far, computed for that day. */
async function nightly(built: PlanState[]): Promise<void> {
  const asOf = today();
  // One job per plan, as the nightly job queues them; they run side by side on the worker.
  await Promise.all(
    built.map(async (s) => {
      const job = await call<{ jobId: string; statusUrl: string }>('POST', `${s.base}/rag/recompute`, s.lead.token, { asOf });
      await pollJob(s.lead.token, job.statusUrl, `RAG recompute ${asOf}`, 40);
    }),
  );
}

/**
 * Plays every plan's facts in date order. The nightly RAG job runs at the end of every day of the
 * last `historyDays` days (the dashboards' history) and of every earlier day on which something
 * happened; quiet days before then have no snapshot (as for a council that started using the
 * tracker then). Returns the plans as loaded.
 */
async function replay(plans: readonly DemoPlan[]): Promise<LoadedPlan[]> {
  const states = new Map<DemoPlan, PlanState>();
  const pending = new Map<DemoPlan, { resolve: (s: PlanState) => void; promise: Promise<PlanState> }>();
  const events: DemoEvent[] = [];
  for (const plan of plans) {
    let resolve!: (s: PlanState) => void;
    const promise = new Promise<PlanState>((r) => (resolve = r));
    pending.set(plan, { resolve, promise });
    events.push({
      day: firstDayOf(plan),
      step: STEP.build,
      plan,
      what: 'plan built',
      run: async () => {
        const s = await buildPlan(plan);
        states.set(plan, s);
        resolve(s);
        // The deadlines exist once the inspection is recorded; they join the timeline from here.
        queue.push(...(await regulatorDeadlineEvents(plan, s)), ...meetingPackEvents(plan, s));
      },
    });
    events.push(...planEvents(plan, promise));
  }
  const queue: DemoEvent[] = events;
  const order = (x: DemoEvent, y: DemoEvent) => x.day - y.day || x.step - y.step;
  const firstDay = Math.min(...events.map((e) => e.day));
  let facts = 0;
  let nights = 0;
  let packs = 0;
  for (let d = firstDay; d <= 0; d++) {
    const todays = queue.filter((e) => e.day === d && !e.afterNightly).sort(order);
    // A board pack's reporting date gets its nightly run (the pack reads its snapshots) even when nothing else happened.
    if (todays.length === 0 && d < -options.historyDays && !queue.some((e) => e.day === d && e.afterNightly)) continue;
    if (options.notificationScan && d >= -options.historyDays) {
      await options.setClock(instantOn(day(d), 6));
      await morningScan();
    }
    await options.setClock(instantOn(day(d), 9));
    for (const e of todays) {
      await e.run();
      facts++;
    }
    // Events a run added for this very day (a deadline met on the day the plan was built) run too.
    for (const e of queue.filter((x) => x.day === d && !x.afterNightly && !todays.includes(x)).sort(order)) {
      await e.run();
      facts++;
    }
    await options.setClock(instantOn(day(d), 23));
    await nightly([...states.values()]);
    nights++;
    for (const e of queue.filter((x) => x.day === d && x.afterNightly).sort(order)) {
      await e.run();
      packs++;
    }
  }
  process.stdout.write(`[demo]   replayed ${facts} facts in date order; the nightly RAG job ran for ${nights} days${packs ? `; ${packs} board packs made on their meetings' reporting dates` : ''}\n`);
  if (options.notificationScan) {
    const kinds = [...scanned.byKind].map(([k, n]) => `${k} ${n}`).join(', ');
    process.stdout.write(`[demo]   the 06:00 reminder scan ran for ${scanned.days} days and wrote ${scanned.written} e-mails${kinds ? ` (${kinds})` : ''}\n`);
  }
  return plans.map((p) => states.get(p)!.loaded);
}

async function publishPacks(loaded: LoadedPlan): Promise<void> {
  const lead = [...loaded.sessions.values()].find((s) => s.role === 'board')!;
  loaded.dashboard = await call('GET', `${loaded.base}/dashboard?asOf=${TODAY}`, lead.token);

  const dir = join(OUT_DIR, 'packs', loaded.plan.slug);
  mkdirSync(dir, { recursive: true });
  for (const audience of ['board', 'scrutiny'] as const) {
    // The board's pack is for its next meeting (its "previous report" is the last meeting's pack).
    const next = audience === 'board' ? loaded.meetings.find((m) => m.papersDeadline > TODAY) : undefined;
    const created = await call<{ id: string }>('POST', `${loaded.base}/packs`, lead.token, { audience, asOf: TODAY, ...(next ? { meetingId: next.id } : {}) });
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

/** The plan's logins for the summary: its administrator, then who really holds a role in it (read back from the API), in demo-data order. */
async function planLogins(l: LoadedPlan): Promise<SummaryLogin[]> {
  const members = await call<{ items: { email: string; name: string; role: string }[] }>('GET', `${l.base}/members`, l.admin.token);
  const order = (email: string) => {
    const i = l.plan.users.findIndex((u) => emailFor(l.plan, u.name) === email);
    return i < 0 ? l.plan.users.length : i;
  };
  const held = [...members.items].sort((a, b) => order(a.email) - order(b.email));
  return [{ role: 'admin', email: l.admin.email }, ...held.map((m) => ({ role: m.role, email: m.email, name: m.name, jobTitle: l.jobTitles.get(m.email) }))];
}

/** Loads `plans` in date order (see the top of this file); returns them as loaded. */
export async function loadDemo(plans: readonly DemoPlan[], opts: Partial<LoadDemoOptions> & { api?: string; outDir?: string } = {}): Promise<LoadedPlan[]> {
  if (opts.api) API = opts.api;
  if (opts.outDir) OUT_DIR = opts.outDir;
  options = { today: londonToday(), setClock: () => undefined, createOrganisation: createWithCli, historyDays: 28, packs: true, notificationScan: true, meetingPacks: false, ...opts };
  TODAY = options.today;
  clockDay = TODAY;
  organisations.clear();
  scanned.days = 0;
  scanned.written = 0;
  scanned.byKind.clear();
  for (const plan of plans) process.stdout.write(`[demo] loading ${plan.organisation}: ${plan.planTitle} through the API, day by day ...\n`);
  const loaded = await replay(plans);
  if (options.packs) {
    process.stdout.write('[demo]   generating packs through the queues ...\n');
    for (const l of loaded) await publishPacks(l);
  }
  return loaded;
}

/** The demo's clock file (DEMO_CLOCK_FILE), shared with the API and the worker; removed at the end so they run on the real time again. */
function fileClock(path: string | undefined): { set: (instant: Date) => void; release: () => void } {
  if (!path) {
    process.stderr.write('[demo] DEMO_CLOCK_FILE is not set: the API and worker keep the real time, so facts are recorded today (their dates are still their own)\n');
    return { set: () => undefined, release: () => undefined };
  }
  return { set: (instant) => writeFileSync(path, instant.toISOString()), release: () => rmSync(path, { force: true }) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const clock = fileClock(process.env.DEMO_CLOCK_FILE);
  let loaded: LoadedPlan[];
  try {
    loaded = await loadDemo(DEMO_PLANS, {
      setClock: clock.set,
      historyDays: Number(process.env.DEMO_HISTORY_DAYS ?? 28),
      packs: false,
      meetingPacks: true,
    });
  } finally {
    clock.release();
  }
  // The packs at the real time, after the clock file is gone.
  process.stdout.write('[demo]   generating packs through the queues ...\n');
  for (const l of loaded) await publishPacks(l);
  process.stdout.write(`[demo]   loaded in ${Math.round((Date.now() - started) / 1000)} s\n`);
  const summary: PlanSummary[] = [];
  for (const l of loaded) {
    summary.push({ organisation: l.plan.organisation, plan: l.plan.planTitle, slug: l.plan.slug, logins: await planLogins(l), dashboard: l.dashboard, packs: l.packs });
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'summary.json'), JSON.stringify(summary, null, 2));
  process.stdout.write(summaryText(summary, { api: API, password: DEMO_PASSWORD, summaryFile: join(OUT_DIR, 'summary.json'), logs: join(OUT_DIR, 'logs') }));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`[demo] failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
