import { mkdtemp, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The part of s3rver 3.7's API the tests use (it ships no type declarations). */
interface S3rverInstance {
  /** Resolves with `httpServer.address()`: the bound port when started with `port: 0`. */
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string }>;
}) => S3rverInstance;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS package; typed by the interface above
const S3rver = require('s3rver') as S3rverConstructor;

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  directory: string;
  /** `METHOD url` of every request served, to check what the client actually sent. */
  requests: string[];
  /** Resolves once a request matching `match` has arrived (checking from `requests[since]` on); rejects after `timeoutMs`. */
  waitForRequest(match: (request: string) => boolean, since?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A real S3-compatible HTTP server, in process, on a free port, storing under a fresh temp dir. */
export async function startS3rver(bucket = 'evidence'): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 'evidence-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const requests: string[] = [];
  server.httpServer.on('request', (req: { method?: string; url?: string }) => requests.push(`${req.method} ${req.url}`));
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    directory,
    requests,
    waitForRequest: async (match, since = 0, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!requests.slice(since).some(match)) {
        if (Date.now() > deadline) throw new Error(`s3rver: no matching request within ${timeoutMs} ms; got ${JSON.stringify(requests.slice(since))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
