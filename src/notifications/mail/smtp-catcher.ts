import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server, in process, on a free loopback port (smtp-server), that keeps what it
 * receives and reads it back with mailparser. Tests deliver to it through the real nodemailer
 * transport; the demo runs one that writes each message as an .eml file.
 *
 * It can refuse deliveries on demand (`refuse(451)` answers RCPT TO with that code until
 * `accept()`, or for the next N recipients), to exercise retries. No TLS (loopback only): the app
 * must be configured with SMTP_REQUIRE_TLS=false to talk to it (see `env()`).
 */
export interface CaughtMessage {
  /** Envelope sender and recipients, as the SMTP client gave them. */
  from: string;
  to: string[];
  raw: Buffer;
  /** Parsed with mailparser (absent when started with `parse: false`). */
  parsed?: ParsedMail;
  /** The Message-ID header (from the parsed message, or read from the raw headers). */
  messageId: string | null;
  /** The SMTP user that authenticated, if any. */
  user: string | null;
}

export interface SmtpCatcherOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Parse each message with mailparser (default true; the benchmark turns it off). */
  parse?: boolean;
  /** Keep messages in memory (default true). */
  keep?: boolean;
  /** Write each message as `<n>-<message id>.eml` under this directory. */
  emlDir?: string;
  /** Require this login (AUTH PLAIN/LOGIN over the plain connection); none by default. */
  auth?: { user: string; pass: string };
}

interface Refusal {
  code: number;
  message: string;
  remaining: number;
}

export class SmtpCatcher {
  readonly messages: CaughtMessage[] = [];
  /** Messages accepted (also counted when not kept). */
  accepted = 0;
  /** Recipients refused on demand. */
  refused = 0;
  private refusal: Refusal | null = null;
  private waiters: { count: number; resolve: () => void }[] = [];
  private sequence = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly host: string,
    readonly port: number,
    private readonly options: SmtpCatcherOptions,
  ) {}

  static async start(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
    if (options.emlDir) mkdirSync(options.emlDir, { recursive: true });
    let catcher: SmtpCatcher | null = null;
    const server = new SMTPServer({
      logger: false,
      // No DNS on loopback (a reverse lookup can hang for seconds where there is no resolver).
      disableReverseLookup: true,
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      size: 25 * 1024 * 1024,
      onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
        const expected = options.auth;
        if (expected && auth.username === expected.user && auth.password === expected.pass) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      },
      onRcptTo(_address: SMTPServerAddress, _session: SMTPServerSession, callback) {
        const refusal = catcher?.takeRefusal();
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        callback();
      },
      onData(stream: Readable, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', (err: Error) => callback(err));
        stream.on('end', () => {
          if (!catcher) return callback(new Error('catcher not ready'));
          catcher.receive(Buffer.concat(chunks), session).then(
            () => callback(),
            (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
          );
        });
      },
    });
    server.on('error', () => undefined); // a client dropping its connection is not our failure
    const host = '127.0.0.1';
    const port = await new Promise<number>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    catcher = new SmtpCatcher(server, host, port, options);
    return catcher;
  }

  /** The app settings that point its mail at this catcher. */
  env(from = 'Improvement tracker <noreply@tracker.example.gov.uk>'): Record<string, string> {
    return {
      SMTP_HOST: this.host,
      SMTP_PORT: String(this.port),
      SMTP_SECURE: 'false',
      SMTP_REQUIRE_TLS: 'false',
      MAIL_FROM: from,
      ...(this.options.auth ? { SMTP_USER: this.options.auth.user, SMTP_PASSWORD: this.options.auth.pass } : {}),
    };
  }

  /** Answers RCPT TO with `code` (default 451, "try again later") for the next `times` recipients, or until accept(). */
  refuse(code = 451, times = Number.POSITIVE_INFINITY, message = 'Requested action aborted: try again later'): void {
    this.refusal = { code, message: `${message}`, remaining: times };
  }

  accept(): void {
    this.refusal = null;
  }

  /** Resolves once `count` messages in all have been accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.accepted >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`SMTP catcher: ${this.accepted} of ${count} messages after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Messages to one address. */
  to(address: string): CaughtMessage[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
    this.accepted = 0;
    this.refused = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** How many .eml files a directory holds (what the demo prints). */
  static countEml(dir: string): number {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.eml')).length;
    } catch {
      return 0;
    }
  }

  private takeRefusal(): Refusal | null {
    const refusal = this.refusal;
    if (!refusal) return null;
    refusal.remaining -= 1;
    if (refusal.remaining <= 0) this.refusal = null;
    this.refused += 1;
    return refusal;
  }

  private async receive(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const parsed = this.options.parse === false ? undefined : await simpleParser(raw);
    const messageId = parsed?.messageId ?? headerValue(raw, 'message-id');
    const message: CaughtMessage = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      raw,
      parsed,
      messageId,
      user: typeof session.user === 'string' ? session.user : null,
    };
    this.sequence += 1;
    if (this.options.emlDir) {
      const name = `${String(this.sequence).padStart(6, '0')}-${(messageId ?? 'no-id').replace(/[^A-Za-z0-9@._-]+/g, '')}.eml`;
      writeFileSync(join(this.options.emlDir, name), raw);
    }
    if (this.options.keep !== false) this.messages.push(message);
    this.accepted += 1;
    const ready = this.waiters.filter((w) => this.accepted >= w.count);
    this.waiters = this.waiters.filter((w) => this.accepted < w.count);
    for (const w of ready) w.resolve();
  }
}

/** One header's value from raw message bytes (enough for Message-ID without a full parse). */
function headerValue(raw: Buffer, name: string): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 16_384) : end).toString('latin1');
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1].replace(/\r\n[ \t]+/g, ' ').trim() : null;
}
