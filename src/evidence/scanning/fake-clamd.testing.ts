import * as net from 'node:net';

export interface FakeClamdBehaviour {
  /** Like clamd's StreamMaxLength: past this many bytes, answer the size-limit ERROR and hang up. */
  limitBytes?: number;
  /** Accept the stream but never answer (to test timeouts). */
  silent?: boolean;
  /** Answer this instead of a verdict. */
  reply?: string;
}

export interface FakeClamd {
  port: number;
  /** The reassembled file of each INSTREAM session, in order. */
  files: Buffer[];
  /** The chunk lengths each session sent, in order. */
  chunkLengths: number[][];
  close(): Promise<void>;
}

/** The marker in the EICAR test file; the fake "detects" any stream that contains it. */
export const EICAR_MARKER = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

/**
 * A tiny clamd on 127.0.0.1 that speaks the real wire protocol: `zINSTREAM\0`, 4-byte big-endian
 * length-prefixed chunks, a zero-length terminator, a NUL-terminated answer; and `zPING\0` -> `PONG\0`.
 */
export async function startFakeClamd(behaviour: FakeClamdBehaviour = {}): Promise<FakeClamd> {
  const files: Buffer[] = [];
  const chunkLengths: number[][] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let command: string | null = null;
    const parts: Buffer[] = [];
    const lengths: number[] = [];
    let received = 0;
    let finished = false;

    socket.on('data', (data: Buffer) => {
      if (finished) return;
      buffered = Buffer.concat([buffered, data]);
      if (command === null) {
        const nul = buffered.indexOf(0);
        if (nul < 0) return;
        command = buffered.subarray(0, nul).toString('latin1');
        buffered = buffered.subarray(nul + 1);
        if (command === 'zPING') {
          finished = true;
          socket.end('PONG\0');
          return;
        }
        if (command !== 'zINSTREAM') {
          finished = true;
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (length === 0) {
          finished = true;
          const file = Buffer.concat(parts);
          files.push(file);
          chunkLengths.push(lengths);
          if (behaviour.silent) return;
          const verdict = file.includes(EICAR_MARKER) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK';
          socket.end(`${behaviour.reply ?? verdict}\0`);
          return;
        }
        if (buffered.length < 4 + length) return;
        parts.push(Buffer.from(buffered.subarray(4, 4 + length)));
        lengths.push(length);
        received += length;
        buffered = buffered.subarray(4 + length);
        if (behaviour.limitBytes !== undefined && received > behaviour.limitBytes) {
          finished = true;
          files.push(Buffer.concat(parts));
          chunkLengths.push(lengths);
          socket.end('INSTREAM size limit exceeded. ERROR\0');
          return;
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    files,
    chunkLengths,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
