import { ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/app-config';

const ROOT = join(__dirname, '..', '..');

/** A TCP port free right now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether an API process on `port` of 127.0.0.1 answers its liveness check (GET /api/v1/health, 200). */
export function apiAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/api/v1/health' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/** A child process with its output kept, to wait for a line. */
export class Child {
  output = '';
  readonly exited: Promise<number | null>;

  constructor(readonly process: ChildProcess) {
    process.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    process.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.process.exitCode !== null) throw new Error(`process exited (${this.process.exitCode}) before ${pattern}: ${this.output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9, and wait until it is gone. */
  async kill9(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** A redis-server of the test's own, on a spare port, without persistence (never the shared 6379). */
export function startRedis(port: number): Child {
  return new Child(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' }));
}

/** The environment a child API or worker needs to share the test's database, Redis queues and storage. */
export function childEnv(config: AppConfig, logLevel: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.DATABASE_URL,
    MIGRATION_DATABASE_URL: config.MIGRATION_DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    QUEUE_PREFIX: config.QUEUE_PREFIX,
    DATA_DIR: config.DATA_DIR,
    JWT_SECRET: config.JWT_SECRET,
    LOG_LEVEL: logLevel,
  };
}

/** `src/worker.ts` or `src/main.ts` in a process of its own (ts-node, transpile only), with `env` as its whole configuration. */
export function startNodeEntry(entry: 'worker' | 'main', env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', join(ROOT, 'src', `${entry}.ts`)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: 'pipe',
  });
  return new Child(child);
}
