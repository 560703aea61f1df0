import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (trigger functions; the CLI cannot generate them). The facts-version triggers of
 * migration RagFactsVersion raise action.facts_version by primary-key lookups whatever the number
 * of rows a write touched, and whatever the session wrote before.
 *
 * PL/pgSQL plans a trigger function's statement once per session and keeps that plan, made with
 * the row counts the transition tables had at the first call (a statement that references no
 * variable is never re-planned; plan_cache_mode does not apply). The old statement,
 * `UPDATE action a SET facts_version = a.facts_version + 1 WHERE a.id IN (<the transition table's
 * action ids>)`, was planned for the first write's size: after a bulk write (thousands of rows)
 * the session kept a hash semi-join that reads every action, and each one-row write after paid for
 * that read (one milestone UPDATE 58-62 ms against 1.1-1.3 ms at 100,000 actions). Turning hash
 * and merge joins off in the functions was tried and not kept: for the bench seed's 400,000-row
 * milestone INSERT the planner then chose a nested loop over every action times the transition
 * table (over ten minutes, against about one).
 *
 * Now the ids are gathered first, into an array (an InitPlan, `a.id = ANY (ARRAY(SELECT DISTINCT
 * ...))`): the planner cannot see the array's length, so it plans for a few elements, and the plan
 * is an index scan of action's primary key (plain, or bitmap on a small table), one descent per
 * distinct id, at any count. The evidence reviews' function finds its actions the same way, through
 * evidence's primary key, rather than by a join whose kept plan could equally read all evidence.
 * The same actions are raised as before, each once per statement. CREATE OR REPLACE keeps each
 * function's owner and grants and resets its other properties to the command's: these had none but
 * the defaults (no SET, volatile, invoker's rights), so nothing else changes; a function given
 * settings later must have them restated here. The triggers are not touched. Side by side on one
 * 100,000-action copy (psql, 2 December, a loaded VM): a one-milestone UPDATE after a
 * 5,000-milestone one in the same session 34-47 ms before, 0.5-1.4 ms now (0.2-0.6 ms both in a
 * session that wrote no bulk first); the 5,000-milestone UPDATE 130-159 ms before, 104-115 ms now;
 * the bench seed (its 400,000-milestone INSERT included) 34-39 s before, 36 s now.
 *
 * Tested in test/facts-version-plans.e2e-spec.ts (the plans, read from auto_explain).
 */
export class FactsVersionByIdLookup1796210000000 implements MigrationInterface {
  name = 'FactsVersionByIdLookup1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const source of FACT_SOURCES) await queryRunner.query(byIdLookup(source));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const source of FACT_SOURCES) await queryRunner.query(asInRagFactsVersion(source));
  }
}

type Rows = 'new_rows' | 'old_rows';

/** The tables whose functions raise facts_version (RagFactsVersion's FACT_SOURCES), and how a row names its action. */
const FACT_SOURCES: { table: string; byEvidence: boolean }[] = [
  { table: 'milestone', byEvidence: false },
  { table: 'evidence', byEvidence: false },
  { table: 'evidence_review', byEvidence: true },
  { table: 'progress_update', byEvidence: false },
  { table: 'rag_override', byEvidence: false },
  { table: 'regulator_deadline', byEvidence: false },
  { table: 'action_status_history', byEvidence: false },
];

/** The function's body, one statement per operation, as RagFactsVersion laid it out. */
const body = (table: string, raise: (rows: Rows[]) => string): string =>
  `CREATE OR REPLACE FUNCTION rag_facts_${table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${raise(['new_rows'])}
       ELSIF TG_OP = 'DELETE' THEN
         ${raise(['old_rows'])}
       ELSE
         ${raise(['new_rows', 'old_rows'])}
       END IF;
       RETURN NULL;
     END $$`;

/** Each value of `column` in the transition tables, once. */
const distinct = (column: string, rows: Rows[]): string =>
  rows.length === 1 ? `SELECT DISTINCT ${column} FROM ${rows[0]}` : rows.map((r) => `SELECT ${column} FROM ${r}`).join(' UNION ');

/** Now: the distinct action ids gathered into an array first, each then found by action's primary key. */
function byIdLookup({ table, byEvidence }: (typeof FACT_SOURCES)[number]): string {
  const actionIds = (rows: Rows[]) =>
    byEvidence ? `SELECT DISTINCT e.action_id FROM evidence e WHERE e.id = ANY (ARRAY(${distinct('evidence_id', rows)}))` : distinct('action_id', rows);
  return body(table, (rows) => `UPDATE action a SET facts_version = a.facts_version + 1 WHERE a.id = ANY (ARRAY(${actionIds(rows)}));`);
}

/** Before: RagFactsVersion's bodies, character for character (`IN (<subquery>)`, planned as a join). */
function asInRagFactsVersion({ table, byEvidence }: (typeof FACT_SOURCES)[number]): string {
  const actionOf = (rows: Rows) => (byEvidence ? `SELECT e.action_id FROM ${rows} r JOIN evidence e ON e.id = r.evidence_id` : `SELECT action_id FROM ${rows}`);
  return body(table, (rows) => `UPDATE action a SET facts_version = a.facts_version + 1 WHERE a.id IN (${rows.map(actionOf).join(' UNION ')});`);
}
