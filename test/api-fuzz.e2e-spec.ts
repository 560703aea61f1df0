import fc from 'fast-check';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

/**
 * Property-based fuzzing of every operation in the OpenAPI document (so new routes and DTOs are
 * covered without editing this file): hostile values for each body field, query parameter and
 * path parameter, as an admin and as an owner. No answer may be a 5xx, and nothing may pollute
 * Object.prototype. Fixed seed and bounded runs, so a failure replays and the file takes about a minute.
 */
const SEED = 1100;
// Bounded so the whole walk stays within a few minutes on a busy 2-core CI machine (every operation, two callers).
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 12);

/** Operations that end the caller's own sessions (a password change) would only turn later requests into 401s. */
const SKIPPED = new Set(['POST /api/v1/auth/password']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  query: string[];
  body: Schema | null;
  multipart: boolean;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

function nested(depth: number): Json {
  let value: Json = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const HOSTILE_TEXT = ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '', '   ', 'x'.repeat(20_000), '__proto__', 'constructor', '../../etc/passwd', '%00', "'; DROP TABLE action; --", '2026-02-30', '9999-12-31', '0000-01-01', 'NaN', 'Infinity', '1e30', '-1', '00000000-0000-0000-0000-000000000000', '<script>alert(1)</script>', '😀'.repeat(500)];
const HOSTILE_NUMBERS = [1e30, 2 ** 31, 2 ** 53 + 2, -1, -(2 ** 31) - 1, 1.5, 0, -0, Number.MAX_VALUE];
const HOSTILE_OTHER: Json[] = [null, true, false, {}, [], ['x'], [null], [[[]]], nested(20), nested(40), { a: '\u0000' }, Array.from({ length: 1000 }, () => 'x')];
/** Mostly the known troublemakers (NUL and surrogates the most), some generated noise. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Json>('\u0000', 'ok\u0000', '\uD800', 'ok\uDC00') },
  { weight: 6, arbitrary: fc.constantFrom<Json>(...HOSTILE_TEXT, ...HOSTILE_NUMBERS, ...HOSTILE_OTHER) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
);
const hostileQuery: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('\u0000', 'x\u0000', '\uD800') },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT, '2147483648', '1.5', '-0', '9'.repeat(40)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('1', '\u0000', 'x'), { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
/** Raw path segments, already percent-encoded (some deliberately malformed). */
const HOSTILE_PATH = ['not-a-uuid', '%00', '%ED%A0%80', '%E0%A4%A', '%', '1e30', '-1', '9'.repeat(40), 'x'.repeat(300), '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc'];
/** JSON text that no object literal can express: keys that reach for the prototype. */
const POLLUTION = ['"__proto__":{"polluted":"yes"}', '"constructor":{"prototype":{"polluted":"yes"}}', '"__proto__":{"__proto__":{"polluted":"yes"}}'];

function operations(doc: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema ?? null;
      const multipart = content['multipart/form-data']?.schema ?? null;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      out.push({ method: method as Operation['method'], path, query, body: json ?? multipart, multipart: multipart !== null });
    }
  }
  return out;
}

describe('API fuzzing: hostile values in every field of every operation never give a 5xx', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let doc: OpenApi;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation();
    owner = await t.createUser(org, 'owner');
    // Someone to edit and deactivate: never the two callers, whose tokens must stay good.
    const victim = await t.createUser(org, 'board');
    const plan = await seedPlanBasics(t.dataSource, org.id);
    const action = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, milestones: [{ title: 'First', dueDate: '2027-01-31' }] });
    const milestone = await t.http().get(`/api/v1/actions/${action.id}/milestones`).set(bearer(org.admin)).expect(200);
    Object.assign(ids, {
      planId: org.planId,
      plans: org.planId,
      userId: victim.id,
      users: victim.id,
      inspections: plan.inspectionId,
      findings: plan.findingId,
      workstreams: plan.workstreamId,
      actions: action.id,
      milestoneId: milestone.body.items[0].id,
    });
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApi;
  });

  afterAll(() => t.close());

  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return schema.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
    return schema;
  }

  /** A plausible value for a field, so the hostile one is not the only thing wrong with the body. */
  function plausible(schema: Schema | undefined, depth = 0): Json {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example as Json;
    if (s.enum?.length) return s.enum[0] as Json;
    if (s.format === 'uuid') return ids.actions;
    if (s.format === 'date') return '2026-12-01';
    if (s.type === 'integer' || s.type === 'number') return 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return depth < 2 ? [plausible(s.items, depth + 1)] : [];
    if (s.type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, depth < 2 ? plausible(v, depth + 1) : null]));
    }
    return 'Fuzz text';
  }

  function pathFor(template: string, hostile: string | null): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
      if (hostile !== null) return hostile;
      if (name !== 'id') return name === 'format' ? 'pdf' : (ids[name] ?? '00000000-0000-4000-8000-000000000000');
      const resource = template.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return ids[resource] ?? '00000000-0000-4000-8000-000000000000';
    });
  }

  it('covers the whole API (routes found from the OpenAPI document)', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.body).length).toBeGreaterThan(15);
  });

  it('no operation answers 5xx, as admin or as owner', async () => {
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const op of operations(doc)) {
      const body = op.body ? resolve(op.body) : null;
      const fields = Object.keys(body?.properties ?? {}).filter((f) => body?.properties?.[f].format !== 'binary');
      const hasPathParams = op.path.includes('{');
      const request = fc.record({
        asOwner: fc.boolean(),
        hostileFields: fields.length ? fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: Math.min(3, fields.length) }) : fc.constant([] as string[]),
        values: fc.array(hostileValue, { minLength: 3, maxLength: 3 }),
        pollution: fc.option(fc.constantFrom(...POLLUTION), { freq: 4 }),
        query: op.query.length ? fc.dictionary(fc.constantFrom(...op.query), hostileQuery, { minKeys: 1, maxKeys: 3 }) : fc.constant({}),
        pathParam: hasPathParams ? fc.option(fc.constantFrom(...HOSTILE_PATH), { freq: 3 }) : fc.constant(null),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const caller = r.asOwner ? owner : org.admin;
          const url = pathFor(op.path, r.pathParam);
          let req = t.http()[op.method](url).set(bearer(caller)).query(r.query);
          if (body && op.multipart) {
            for (const [i, f] of r.hostileFields.entries()) req = req.field(f, typeof r.values[i] === 'string' ? (r.values[i]) : JSON.stringify(r.values[i]));
            req = req.attach('file', Buffer.from('%PDF-1.4 fuzz'), { filename: 'fuzz.pdf', contentType: 'application/pdf' });
          } else if (body) {
            const value = plausible(body) as Record<string, Json>;
            r.hostileFields.forEach((f, i) => (value[f] = r.values[i]));
            let text = JSON.stringify(value);
            if (r.pollution) text = text === '{}' ? `{${r.pollution}}` : `{${r.pollution},${text.slice(1)}`;
            req = req.set('Content-Type', 'application/json').send(text);
          }
          const res = await req;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 500) {
            failures.push(`${op.method.toUpperCase()} ${url} query=${JSON.stringify(r.query)} fields=${r.hostileFields.join(',')} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
          return res.status < 500;
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      ).catch(() => undefined);
    }
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(statuses));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  }, 300_000);
});
