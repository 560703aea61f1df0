import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { SmtpMailTransport, type OutgoingMail } from './mail-transport';
import { SmtpCatcher } from './smtp-catcher';

/** The nodemailer transport against the in-process SMTP server: the real protocol both ways. */
describe('SmtpMailTransport against the SMTP catcher', () => {
  const mail: OutgoingMail = {
    from: 'Improvement tracker <noreply@tracker.example.gov.uk>',
    to: 'priya@example.gov.uk',
    subject: 'Due in 7 days: milestone ‘Audit fieldwork complete’ (action A1.4)',
    text: 'Plain words\n',
    html: '<!DOCTYPE html><html lang="en-GB"><body><main><h1>Heading</h1></main></body></html>',
    messageId: '<outbox-1234@tracker.example.gov.uk>',
    date: new Date('2026-11-23T10:00:00Z'),
    headers: { 'List-Unsubscribe': '<https://t.example/notifications/unsubscribe?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
  let catcher: SmtpCatcher;
  let transport: SmtpMailTransport | null = null;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-catcher-'));
  });

  afterEach(async () => {
    transport?.onModuleDestroy();
    transport = null;
    await catcher?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a message that reads back with its headers, both parts and an .eml copy', async () => {
    catcher = await SmtpCatcher.start({ emlDir: dir });
    transport = new SmtpMailTransport(loadConfig(catcher.env()));
    const { response } = await transport.send(mail);
    expect(response).toMatch(/^250/);
    expect(catcher.accepted).toBe(1);
    const [got] = catcher.messages;
    expect(got.to).toEqual(['priya@example.gov.uk']);
    expect(got.from).toBe('noreply@tracker.example.gov.uk');
    expect(got.messageId).toBe('<outbox-1234@tracker.example.gov.uk>');
    expect(got.parsed?.subject).toBe(mail.subject);
    expect(got.parsed?.text).toBe('Plain words\n');
    expect(got.parsed?.html).toContain('<h1>Heading</h1>');
    expect(got.parsed?.attachments).toEqual([]);
    expect(got.raw.toString()).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^000001-outbox-1234@tracker\.example\.gov\.uk\.eml$/);
    expect(readFileSync(join(dir, files[0]), 'utf8')).toContain('Message-ID: <outbox-1234@tracker.example.gov.uk>');
    expect(SmtpCatcher.countEml(dir)).toBe(1);
  });

  it('refuses on demand with the code asked for, then accepts again', async () => {
    catcher = await SmtpCatcher.start();
    transport = new SmtpMailTransport(loadConfig(catcher.env()));
    catcher.refuse(451, 2);
    for (let i = 0; i < 2; i++) {
      await expect(transport.send(mail)).rejects.toMatchObject({ responseCode: 451, command: 'RCPT TO' });
    }
    await expect(transport.send(mail)).resolves.toMatchObject({ response: expect.stringMatching(/^250/) });
    catcher.refuse(550);
    await expect(transport.send(mail)).rejects.toMatchObject({ responseCode: 550 });
    catcher.accept();
    await transport.send(mail);
    expect({ accepted: catcher.accepted, refused: catcher.refused }).toEqual({ accepted: 2, refused: 3 });
  });

  it('logs in when the server asks for credentials, and a wrong password is refused', async () => {
    catcher = await SmtpCatcher.start({ auth: { user: 'tracker', pass: 'right-password' } });
    transport = new SmtpMailTransport(loadConfig(catcher.env()));
    await transport.send(mail);
    expect(catcher.messages[0].user).toBe('tracker');
    transport.onModuleDestroy();
    transport = new SmtpMailTransport(loadConfig({ ...catcher.env(), SMTP_PASSWORD: 'wrong' }));
    await expect(transport.send(mail)).rejects.toMatchObject({ code: 'EAUTH' });
  });

  it('refuses a message that cannot be built with a permanent error, before any SMTP', async () => {
    catcher = await SmtpCatcher.start();
    transport = new SmtpMailTransport(loadConfig(catcher.env()));
    await expect(transport.send({ ...mail, to: 'a@b.example\r\nBcc: c@d.example' })).rejects.toMatchObject({ code: 'EINVALIDMESSAGE' });
    expect(catcher.accepted).toBe(0);
  });

  it('will not send in clear when STARTTLS is required and the server does not offer it', async () => {
    catcher = await SmtpCatcher.start();
    transport = new SmtpMailTransport(loadConfig({ ...catcher.env(), SMTP_REQUIRE_TLS: 'true' }));
    await expect(transport.send(mail)).rejects.toThrow(/STARTTLS/i);
    expect(catcher.accepted).toBe(0);
  });
});
