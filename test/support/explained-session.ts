import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { seedLargePlan, type SeededPlan } from '../../bench/seed-large-plan';
import { adminDatabaseUrl, createDatabaseFromTemplate, dropDatabase } from './databases';

export interface ExplainedSession {
  seed: SeededPlan;
  /** A superuser session on the seeded copy, with auto_explain loaded (nested statements too). */
  db: Client;
  /** What the server sent as notices: each plan auto_explain logged, in order. Empty it before the statement to read. */
  notices: string[];
  close(): Promise<void>;
}

/**
 * For tests of the plans PostgreSQL keeps inside trigger functions: a copy of the migrated
 * template, seeded with the bench's plan of `actions` actions, and a session (as the superuser,
 * who alone may LOAD auto_explain) whose every statement's plan, nested ones included, comes back
 * to the client as a notice; with `analyze`, with actual rows and times.
 */
export async function explainedSession(prefix: string, options: { actions: number; analyze?: boolean }): Promise<ExplainedSession> {
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  const seed = await seedLargePlan(await createDatabaseFromTemplate(database), { actions: options.actions, asOf: '2026-11-23' });
  const db = new Client({ connectionString: adminDatabaseUrl(database) });
  await db.connect();
  const notices: string[] = [];
  db.on('notice', (n) => notices.push(n.message ?? ''));
  await db.query(`LOAD 'auto_explain'`);
  await db.query(`SET auto_explain.log_min_duration = 0`);
  await db.query(`SET auto_explain.log_nested_statements = on`);
  if (options.analyze) await db.query(`SET auto_explain.log_analyze = on`);
  await db.query(`SET client_min_messages = log`);
  return {
    seed,
    db,
    notices,
    close: async () => {
      await db.end();
      await dropDatabase(database);
    },
  };
}
