import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditChainService } from './audit/audit-chain.service';
import type { AuditChainReportDto } from './audit/dto/audit-chain-report.dto';
import { AppException } from './common/errors/app.exception';
import { ConfigError, loadConfig } from './config/app-config';
import { CoreModule } from './core/core.module';
import { describeTally, drained, outboxTally } from './notifications/outbox/outbox-tally';
import { OrganisationsModule } from './organisations/organisations.module';
import { OrganisationsService } from './organisations/organisations.service';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-organisation --name "Warrington Borough Council" --admin-email admin@example.gov.uk --admin-password "..." [--admin-name "..."] [--slug warrington]
      Creates an organisation (a council or safeguarding partnership) with its first admin user.
  delete-organisation --slug warrington --yes
      Deletes an organisation and all its rows (its audit events stay).
  verify-audit [--organisation <id>] [--json]
      Recomputes the audit trail's hash chain of every organisation (or one) and reports the first
      broken link of each, with the last verified event (record it to notice later truncation).
      Exits 1 when a chain is broken.
  outbox-status [--slug-prefix demo-] [--wait <seconds>] [--json]
      Counts the e-mail outbox by kind and state (every organisation, or those whose slug starts
      with the prefix). With --wait, first waits until nothing is left to deliver (every message
      sent, failed or skipped); exits 1 if that takes longer than the seconds given.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
      organisation: { type: 'string' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      'slug-prefix': { type: 'string' },
      wait: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(
    { module: class CliModule {}, imports: [CoreModule.forRoot({ config }), OrganisationsModule] },
    { logger: ['error'] },
  );
  try {
    const organisations = app.get(OrganisationsService);
    switch (command) {
      case 'create-organisation': {
        const missing = ['name', 'admin-email', 'admin-password'].filter((k) => !values[k as keyof typeof values]);
        if (missing.length) throw new UsageError(`missing --${missing.join(', --')}`);
        const { organisation, admin } = await organisations.createWithAdmin({
          name: values.name!,
          slug: values.slug,
          adminEmail: values['admin-email']!,
          adminPassword: values['admin-password']!,
          adminName: values['admin-name'],
        });
        const out = { organisationId: organisation.id, slug: organisation.slug, adminId: admin.id, adminEmail: admin.email };
        process.stdout.write(values.json ? `${JSON.stringify(out)}\n` : `Created organisation "${organisation.name}" (${organisation.slug}, ${organisation.id}) with admin ${admin.email}\n`);
        return 0;
      }
      case 'delete-organisation': {
        if (!values.slug) throw new UsageError('missing --slug');
        if (!values.yes) throw new UsageError('add --yes to confirm: this deletes every row of the organisation');
        const deleted = await organisations.deleteBySlug(values.slug);
        process.stdout.write(deleted ? `Deleted organisation ${values.slug}\n` : `No organisation ${values.slug}\n`);
        return 0;
      }
      case 'verify-audit': {
        if (values.organisation && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.organisation)) {
          throw new UsageError('--organisation must be an organisation id (a UUID)');
        }
        const chain = app.get(AuditChainService);
        const reports = values.organisation ? [await chain.verifyOrganisation(values.organisation)] : await chain.verifyAll();
        process.stdout.write(values.json ? `${JSON.stringify(reports)}\n` : reports.map(describeChain).join(''));
        if (!values.json) process.stdout.write(`${reports.length} organisation(s), ${reports.filter((r) => !r.valid).length} broken\n`);
        return reports.every((r) => r.valid) ? 0 : 1;
      }
      case 'outbox-status': {
        const waitSeconds = values.wait === undefined ? 0 : Number(values.wait);
        if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError('--wait must be a number of seconds');
        const dataSource = app.get(DataSource);
        const deadline = Date.now() + waitSeconds * 1000;
        let tally = await outboxTally(dataSource, values['slug-prefix']);
        while (waitSeconds > 0 && !drained(tally) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          tally = await outboxTally(dataSource, values['slug-prefix']);
        }
        const timedOut = waitSeconds > 0 && !drained(tally);
        if (values.json) process.stdout.write(`${JSON.stringify({ ...tally, drained: drained(tally) })}\n`);
        else process.stdout.write(describeTally(tally));
        if (timedOut) {
          const waiting = tally.byState.pending + tally.byState.sending;
          process.stderr.write(
            `outbox not drained after ${waitSeconds} s: ${waiting} message(s) not yet delivered` +
              `${tally.retryLater ? ` (${tally.retryLater} waiting for a retry after a failed attempt)` : ''}; is the worker running and the SMTP server reachable?\n`,
          );
        }
        return timedOut ? 1 : 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await app.close();
  }
}

function describeChain(r: AuditChainReportDto): string {
  const head = r.head ? `head seq ${r.head.seq} hash ${r.head.hash}` : 'no events';
  if (r.valid) return `ok      ${r.organisationId}: ${r.eventsVerified} event(s), ${head}\n`;
  const b = r.firstBreak!;
  return `BROKEN  ${r.organisationId}: at seq ${b.seq} (event ${b.eventId}): ${b.problem}: expected ${b.expected}, found ${b.found} (${r.eventsVerified} event(s) verified before it)\n`;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`);
    else if (err instanceof ConfigError || err instanceof AppException) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
