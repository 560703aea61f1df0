import { rollUp } from '../policy/roll-up';
import { countColours } from './rag-facts';
import { rollUpFromCounts, rollUpGroups } from './rag-roll-up';
import type { RagColour } from '../../vocabulary/rag-colour';

const COLOURS: RagColour[] = ['red', 'amber', 'green', 'grey', 'blue'];

describe('rollUpFromCounts', () => {
  const cases: RagColour[][] = [[], ['blue'], ['blue', 'blue'], ['blue', 'green'], ['grey', 'blue'], ['green', 'grey'], ['amber', 'green', 'blue'], ['red', 'amber', 'grey', 'blue']];
  // Every combination of up to two of each colour as well.
  for (let mask = 0; mask < 3 ** 5; mask++) {
    const colours: RagColour[] = [];
    let rest = mask;
    for (const colour of COLOURS) {
      for (let k = rest % 3; k > 0; k--) colours.push(colour);
      rest = Math.floor(rest / 3);
    }
    cases.push(colours);
  }

  it.each(cases.map((c): [string, RagColour[]] => [c.join(',') || '(none)', c]))('gives what the policy rollUp gives for %s', (_, colours) => {
    expect(rollUpFromCounts(countColours(colours.map((colour) => ({ colour }))))).toEqual(rollUp(colours));
  });
});

describe('rollUpGroups', () => {
  it('groups counts by kind and group, each with its roll-up colour, keeping uncomputed actions apart', () => {
    const groups = rollUpGroups([
      { kind: 'all', groupId: null, colour: 'blue', count: 2 },
      { kind: 'all', groupId: null, colour: 'green', count: 1 },
      { kind: 'all', groupId: null, colour: null, count: 4 },
      { kind: 'workstream', groupId: 'w1', colour: 'blue', count: 2 },
      { kind: 'workstream', groupId: 'w2', colour: 'green', count: 1 },
      { kind: 'notice', groupId: 'n1', colour: 'amber', count: 3 },
      { kind: 'notice', groupId: 'n1', colour: 'red', count: 1 },
    ]);
    expect(groups.all.get(null)).toEqual({ colour: 'green', total: 3, counts: { red: 0, amber: 0, green: 1, grey: 0, blue: 2 }, notComputed: 4 });
    expect(groups.workstream.get('w1')?.colour).toBe('blue');
    expect(groups.workstream.get('w2')?.colour).toBe('green');
    expect(groups.notice.get('n1')).toMatchObject({ colour: 'red', total: 4 });
    expect(groups.finding.size).toBe(0);
  });
});
