/**
 * Preloaded into the API process by bench/api-overhead.bench.ts (`node -r`): records the SQL the
 * process sends to PostgreSQL, text and parameters, exactly as the `pg` driver receives them
 * (TypeORM's query runner, and anything else, goes through `pg.Client#query`). Recording runs
 * between a `sql-capture:start` and a `sql-capture:stop` message from the parent over the IPC
 * channel; the stop answers with what was recorded. Outside that window it costs one test per query.
 *
 * Also a V8 CPU profile of the running process (not of its start, which --cpu-prof would mostly
 * show), between `{ cpuProfile: 'start' }` and `{ cpuProfile: 'stop', file }`: written to `file`,
 * then answered with `{ cpuProfileWritten: file }`. And `cpu-usage` answers `{ cpuUsage }` (process.cpuUsage()).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Client } from 'pg';

interface Recorded {
  text: string;
  values: unknown[];
}

let recording: Recorded[] | null = null;
const query = Client.prototype.query as (...args: unknown[]) => unknown;

function record(args: unknown[]): void {
  const [first, second] = args;
  const values = Array.isArray(second) ? (second as unknown[]) : [];
  if (typeof first === 'string') recording?.push({ text: first, values });
  else if (first && typeof first === 'object' && typeof (first as { text?: unknown }).text === 'string') {
    const config = first as { text: string; values?: unknown[] };
    recording?.push({ text: config.text, values: config.values ?? values });
  }
}

// Named: the CPU profile's summary (api-overhead.bench.ts) keeps the queries' work under it, and leaves out the rest of this file (the profiler's own).
(Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function capturingQuery(this: Client, ...args: unknown[]): unknown {
  if (recording) record(args);
  return query.apply(this, args);
};

let session: Session | null = null;

function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session?.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
}

async function profile(command: { cpuProfile: 'start' | 'stop'; file?: string }): Promise<void> {
  if (command.cpuProfile === 'start') {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    return;
  }
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  session?.disconnect();
  session = null;
  if (command.file) writeFileSync(command.file, JSON.stringify(profile));
  process.send?.({ cpuProfileWritten: command.file });
}

process.on('message', (message: unknown) => {
  if (message && typeof message === 'object' && 'cpuProfile' in message) void profile(message as { cpuProfile: 'start' | 'stop'; file?: string });
  // The CPU time this process has used (user + system, microseconds): the API's own cost per request, whatever the machine's load.
  if (message === 'cpu-usage') process.send?.({ cpuUsage: process.cpuUsage() });
  if (message === 'sql-capture:start') recording = [];
  if (message === 'sql-capture:stop') {
    process.send?.({ sqlCapture: recording ?? [] });
    recording = null;
  }
});
