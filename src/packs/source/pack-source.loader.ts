import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { PackSource } from '../model/pack-source';
import type { PackEntity } from '../entities/pack.entity';
import { assembleCheckedPackSource, TREND_EARLIER_DATES } from './assemble-pack-source';
import type { PublicationCheck } from '../publication/publication-check';
import type { PackSourceRows, PreviousDate } from './pack-source-rows';
import { PackSourceRepository } from './pack-source.repository';

export type PackToLoad = Pick<PackEntity, 'organisationId' | 'planId' | 'audience' | 'asOf' | 'title' | 'requestedById' | 'createdAt' | 'meetingId'>;

/**
 * Reads the database into a PackSource for one pack: every query inside one REPEATABLE READ
 * transaction, so the source is one consistent moment even while owners keep updating.
 */
@Injectable()
export class PackSourceLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly source: PackSourceRepository,
  ) {}

  snapshotCoverage(organisationId: string, planId: string, asOf: CalendarDate): Promise<{ snapshots: number; actionsWithout: number }> {
    return this.source.snapshotCoverage(this.dataSource.manager, organisationId, planId, asOf);
  }

  async load(pack: PackToLoad): Promise<PackSource> {
    return (await this.loadChecked(pack)).source;
  }

  /**
   * The source; for a scrutiny pack, its publication check (free text screened for names); and the
   * revision of the date's snapshots the source was read at (rag_snapshot_revision, read in the same
   * transaction as the snapshots, so it names exactly what the pack reports).
   */
  async loadChecked(pack: PackToLoad): Promise<{ source: PackSource; check: PublicationCheck | null; figuresRevision: number }> {
    const [rows, figuresRevision] = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const read = await this.readRows(m, pack);
      return [read, await this.source.snapshotRevision(m, pack.planId, pack.asOf)] as const;
    });
    const checked = assembleCheckedPackSource(
      // generatedAt is the request's time, not the job's: a retried job prints (and hashes) the same.
      { audience: pack.audience, asOf: pack.asOf, title: pack.title, generatedAt: pack.createdAt.toISOString() },
      rows,
    );
    return { ...checked, figuresRevision };
  }

  private async readRows(m: EntityManager, pack: PackToLoad): Promise<PackSourceRows> {
    const org = pack.organisationId;
    const plan = pack.planId;
    const { name, planTitle, requesterJobTitle, planTargetDate } = await this.source.organisation(m, org, plan, pack.requestedById);
    const wording = pack.audience === 'scrutiny' ? await this.source.wording(m, org) : null;
    const previous = await this.previousDate(m, pack);
    // One connection, one statement at a time: a transaction cannot run statements in parallel.
    const previousCounts = previous ? await this.source.colourCounts(m, org, plan, previous.asOf) : [];
    const trend = await this.source.trend(m, org, plan, pack.asOf, TREND_EARLIER_DATES);
    const workstreams = await this.source.workstreams(m, org, plan);
    const inspections = await this.source.inspections(m, org, plan);
    const notices = await this.source.notices(m, org, plan, pack.asOf);
    const findings = await this.source.findings(m, org, plan);
    const actions = await this.source.actions(m, org, plan, pack.asOf, previous?.asOf ?? null);
    const milestones = await this.source.milestones(m, org, plan, pack.asOf);
    const evidence = await this.source.evidence(m, org, plan, pack.asOf);
    const people = pack.audience === 'scrutiny' ? await this.source.people(m, org, plan) : [];
    const nextMeeting = await this.source.nextMeeting(m, org, plan, pack.meetingId, pack.audience, pack.asOf);
    return { organisationName: name, planTitle, requesterJobTitle, planTargetDate, wording, previous, previousCounts, trend, workstreams, inspections, notices, findings, actions, milestones, evidence, people, nextMeeting };
  }

  /** "Since the last report": the previous ready pack for the same audience, else the latest snapshot date before asOf. */
  private async previousDate(m: EntityManager, pack: PackToLoad): Promise<PreviousDate | null> {
    const fromPack = await this.source.previousPackDate(m, pack.organisationId, pack.planId, pack.audience, pack.asOf);
    if (fromPack) return { asOf: fromPack, fromPack: true };
    const snapshot = await this.source.latestSnapshotDateBefore(m, pack.organisationId, pack.planId, pack.asOf);
    return snapshot ? { asOf: snapshot, fromPack: false } : null;
  }
}
