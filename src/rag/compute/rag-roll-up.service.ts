import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../common/clock/clock';
import { type CalendarDate, londonToday } from '../../common/dates/calendar-date';
import { RagColoursRepository, type ColourSource } from './rag-colours.repository';
import { emptyRollUp, rollUpGroups, type GroupRollUp, type RollUpKind } from './rag-roll-up';

export interface OrganisationRollUps {
  asOf: CalendarDate;
  /** 'stored': the actions' current colours (asOf is today); 'snapshot': that date's snapshots. */
  source: ColourSource['kind'];
  /** False when the date has no snapshots: every count is then zero, not invented. */
  coloursAvailable: boolean;
  overall: GroupRollUp;
  workstreams: Map<string, GroupRollUp>;
  findings: Map<string, GroupRollUp>;
  notices: Map<string, GroupRollUp>;
  inspections: Map<string, GroupRollUp>;
  regulators: Map<string, GroupRollUp>;
}

const ALL_KINDS: readonly RollUpKind[] = ['all', 'workstream', 'finding', 'notice', 'inspection', 'regulator'];

/**
 * Roll-ups of an organisation's colours to findings, workstreams, notices (through the findings
 * its actions answer), inspections and regulators, for today (stored colours) or a past date
 * (snapshots). For the dashboard and the packs.
 */
@Injectable()
export class RagRollUpService {
  constructor(
    private readonly colours: RagColoursRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today's stored colours when asOf is today (or omitted), else that date's snapshots. */
  sourceFor(asOf: CalendarDate | undefined): { asOf: CalendarDate; source: ColourSource } {
    const today = londonToday(this.clock.now());
    const date = asOf ?? today;
    return { asOf: date, source: date === today ? { kind: 'stored' } : { kind: 'snapshot', asOf: date } };
  }

  async rollUps(organisationId: string, asOf?: CalendarDate, kinds: readonly RollUpKind[] = ALL_KINDS, planId: string | null = null): Promise<OrganisationRollUps> {
    const { asOf: date, source } = this.sourceFor(asOf);
    const [rows, available] = await Promise.all([
      this.colours.countsByGroup(organisationId, source, kinds.includes('all') ? kinds : ['all', ...kinds], planId),
      source.kind === 'snapshot' ? this.colours.hasSnapshots(organisationId, date, planId) : Promise.resolve(true),
    ]);
    const groups = rollUpGroups(rows);
    const byId = (kind: RollUpKind) => new Map([...groups[kind]].filter((e): e is [string, GroupRollUp] => e[0] !== null));
    return {
      asOf: date,
      source: source.kind,
      coloursAvailable: available,
      overall: groups.all.get(null) ?? emptyRollUp(),
      workstreams: byId('workstream'),
      findings: byId('finding'),
      notices: byId('notice'),
      inspections: byId('inspection'),
      regulators: byId('regulator'),
    };
  }
}
