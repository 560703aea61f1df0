/**
 * The demo's local SMTP server: every e-mail the worker sends is written as an .eml file under
 * DEMO_MAIL_DIR (default .demo/mail/), to open in any mail program. Started in the background by
 * scripts/demo.sh on DEMO_SMTP_PORT, stopped by scripts/demo-stop.sh.
 *
 *   npx ts-node --transpile-only scripts/demo/mail-catcher.ts           # run the server
 *   npx ts-node --transpile-only scripts/demo/mail-catcher.ts --count   # print how many messages it wrote
 */
import { resolve } from 'node:path';
import { SmtpCatcher } from '../../src/notifications/mail/smtp-catcher';

const dir = resolve(process.env.DEMO_MAIL_DIR ?? '.demo/mail');

async function main(): Promise<void> {
  if (process.argv.includes('--count')) {
    process.stdout.write(`${SmtpCatcher.countEml(dir)}\n`);
    return;
  }
  const catcher = await SmtpCatcher.start({ port: Number(process.env.DEMO_SMTP_PORT ?? 2525), emlDir: dir, keep: false });
  process.stdout.write(`[mail] SMTP catcher on ${catcher.host}:${catcher.port}, writing messages to ${dir}\n`);
  const stop = () => {
    process.stdout.write(`[mail] stopping: ${catcher.accepted} message(s) received this run, ${SmtpCatcher.countEml(dir)} in ${dir}\n`);
    void catcher.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`[mail] failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
