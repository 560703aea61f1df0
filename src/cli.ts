import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditChainService } from './audit/audit-chain.service';
import type { AuditChainReportDto } from './audit/dto/audit-chain-report.dto';
import { formatLongDate, isCalendarDate } from './common/dates/calendar-date';
import { AppException } from './common/errors/app.exception';
import { isUuid } from './common/validation/uuid';
import { ConfigError, loadConfig } from './config/app-config';
import { CoreModule } from './core/core.module';
import { describeTally, drained, outboxTally } from './notifications/outbox/outbox-tally';
import { OrganisationsModule } from './organisations/organisations.module';
import { OrganisationsService } from './organisations/organisations.service';
import { RagHistoryCheckService, type DateCheck, type SnapshotResult } from './rag/history/rag-history-check.service';
import { RagCoreModule } from './rag/rag-core.module';

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
  check-rag-history [--organisation <id>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--repair] [--json]
      Checks every stored RAG snapshot (each plan, each date) against what the policy gives from
      the facts as they stood at the end of that date, and lists those that differ, with the packs
      made from that date. With --repair, recomputes each date that differs, as its nightly run
      would, and checks it again. Exits 1 when a snapshot differs (after --repair: when one still
      does). Dates and due dates changed before 3 December 2026 were not kept: a date before such
      an edit may differ too (read the differences before repairing).
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
      from: { type: 'string' },
      to: { type: 'string' },
      repair: { type: 'boolean' },
    },
    strict: true,
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  // The worker's database sessions, without the API's timeouts: verify-audit, delete-organisation and
  // check-rag-history --repair are long set-based work that an operator started and waits for.
  const app = await NestFactory.createApplicationContext(
    { module: class CliModule {}, imports: [CoreModule.forRoot({ config, databaseClient: 'worker' }), OrganisationsModule, RagCoreModule] },
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
        const organisationId = organisationOption(values.organisation);
        const chain = app.get(AuditChainService);
        const reports = organisationId ? [await chain.verifyOrganisation(organisationId)] : await chain.verifyAll();
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
      case 'check-rag-history': {
        const organisationId = organisationOption(values.organisation);
        for (const bound of ['from', 'to'] as const) {
          if (values[bound] !== undefined && !isCalendarDate(values[bound])) throw new UsageError(`--${bound} must be a date (YYYY-MM-DD)`);
        }
        const checks = app.get(RagHistoryCheckService).check({ organisationId, from: values.from, to: values.to, repair: values.repair });
        let dates = 0;
        let snapshots = 0;
        let differing = 0;
        let differingDates = 0;
        let remaining = 0;
        for await (const check of checks) {
          dates++;
          snapshots += check.snapshots;
          differing += check.differing.length;
          if (check.differing.length) differingDates++;
          remaining += check.stillDiffering ?? check.differing.length;
          if (values.json) process.stdout.write(`${JSON.stringify(check)}\n`);
          else if (check.differing.length) process.stdout.write(describeDateCheck(check));
        }
        const summary = { dates, snapshots, differingDates, differing, repaired: values.repair ? differing - remaining : 0, stillDiffering: remaining };
        if (values.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
        else {
          process.stdout.write(`${dates} date(s) checked, ${snapshots} snapshot(s): ${differing} differ, on ${differingDates} date(s)`);
          process.stdout.write(values.repair ? `; ${summary.repaired} repaired, ${remaining} still differ\n` : '\n');
        }
        return remaining === 0 ? 0 : 1;
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

function describeResult(r: SnapshotResult | null): string {
  if (!r) return 'no colour (the action did not exist yet)';
  const why = (reasons: SnapshotResult['reasons']) => reasons.map((x) => x.text).join('; ');
  const beneath = r.overridden && r.computedReasons ? ` (overridden; the rules give ${r.computedColour}: ${why(r.computedReasons)})` : '';
  return `${r.colour}: ${why(r.reasons)}${beneath}`;
}

function describeDateCheck(c: DateCheck): string {
  const repaired = c.stillDiffering === undefined ? '' : c.stillDiffering === 0 ? ', repaired' : `, ${c.stillDiffering} still differ after the recompute`;
  const head = `${c.asOf} ${c.organisationName}, ${c.planTitle} (plan ${c.planId}): ${c.differing.length} of ${c.snapshots} snapshot(s) differ${repaired}\n`;
  const differences = c.differing.map((d) => `  ${d.reference}: stored ${describeResult(d.stored)}\n    from the facts: ${describeResult(d.fromFacts)}\n`).join('');
  const packs = c.packs.map((p) => `  pack made from this date: "${p.title}" (${p.audience}${p.publishedOn ? `, published ${formatLongDate(p.publishedOn)}` : ''})\n`).join('');
  return head + differences + packs;
}

/** --organisation: an organisation's id, when given (an empty value is a mistake, not "every organisation"). */
function organisationOption(value: string | undefined): string | undefined {
  if (value !== undefined && !isUuid(value)) throw new UsageError('--organisation must be an organisation id (a UUID)');
  return value;
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
