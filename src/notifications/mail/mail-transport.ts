import { Logger, type OnModuleDestroy, type Provider } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, smtpPort, type AppConfig } from '../../config/app-config';
import { buildMimeMessage, parseMailbox } from './mime-message';

/** One e-mail as handed to SMTP. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<...>`: the same for every attempt at the same outbox row. */
  messageId: string;
  /** The Date header. */
  date: Date;
  headers: Record<string, string>;
}

export interface MailTransport {
  /** Resolves with the server's answer once it has accepted the message; rejects with nodemailer's error otherwise. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
}

/** The error code of a message that cannot be built (a malformed address): permanent. */
export const INVALID_MESSAGE = 'EINVALIDMESSAGE';

/** null when mail is disabled (no SMTP_HOST). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** Timeouts that bound one delivery, so a claim's lease can be sized to outlast it. */
export const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

/** nodemailer's pooled SMTP transport, from the config. */
export function smtpTransportOptions(config: AppConfig) {
  if (!config.SMTP_HOST) throw new Error('SMTP_HOST is not set');
  return {
    pool: true as const,
    maxConnections: config.MAIL_MAX_CONNECTIONS,
    maxMessages: 1000,
    host: config.SMTP_HOST,
    port: smtpPort(config),
    secure: config.SMTP_SECURE,
    // With implicit TLS the connection is already encrypted; otherwise refuse to go on without STARTTLS when required.
    requireTLS: !config.SMTP_SECURE && config.SMTP_REQUIRE_TLS,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
    ...SMTP_TIMEOUTS,
    logger: false,
    debug: false,
  };
}

export class SmtpMailTransport implements MailTransport, OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(config: AppConfig) {
    this.transporter = nodemailer.createTransport(smtpTransportOptions(config));
  }

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    let raw: Buffer;
    let from: ReturnType<typeof parseMailbox>;
    try {
      from = parseMailbox(mail.from);
      // Our own MIME bytes (text and HTML, no attachments ever); nodemailer speaks SMTP.
      raw = buildMimeMessage({ ...mail, from });
    } catch (err) {
      // The same message would fail the same way every time: say so, so it is not retried.
      throw Object.assign(new Error(`message cannot be built: ${(err as Error).message}`), { code: INVALID_MESSAGE });
    }
    const info = await this.transporter.sendMail({ raw, envelope: { from: from.address, to: [mail.to] }, messageId: mail.messageId });
    return { response: typeof info.response === 'string' ? info.response : '' };
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): MailTransport | null => {
    if (!config.SMTP_HOST) {
      new Logger('Mail').log('mail disabled (SMTP_HOST is not set): messages are written to the outbox and stay pending');
      return null;
    }
    return new SmtpMailTransport(config);
  },
};
