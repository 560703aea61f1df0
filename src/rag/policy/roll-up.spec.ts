import { rollUp, worstColour } from './roll-up';
import { RAG_WORST_FIRST, type RagColour } from '../../vocabulary/rag-colour';

const none: Record<RagColour, number> = { red: 0, amber: 0, green: 0, grey: 0, blue: 0 };

describe('rollUp', () => {
  it.each<[string, RagColour[], RagColour | null, Partial<Record<RagColour, number>>]>([
    ['no actions yet', [], null, {}],
    ['one Blue', ['blue'], 'blue', { blue: 1 }],
    ['all Blue', ['blue', 'blue', 'blue'], 'blue', { blue: 3 }],
    ['nine Blue and one Green: work remains', ['blue', 'blue', 'blue', 'blue', 'blue', 'blue', 'blue', 'blue', 'blue', 'green'], 'green', { blue: 9, green: 1 }],
    ['Blue and Grey', ['blue', 'grey'], 'grey', { blue: 1, grey: 1 }],
    ['Green and Grey: Green is worse than Grey', ['grey', 'green'], 'green', { green: 1, grey: 1 }],
    ['all Grey', ['grey', 'grey'], 'grey', { grey: 2 }],
    ['Amber beats Green', ['green', 'amber', 'green'], 'amber', { green: 2, amber: 1 }],
    ['one Red is enough', ['blue', 'green', 'amber', 'red', 'grey'], 'red', { blue: 1, green: 1, amber: 1, red: 1, grey: 1 }],
    ['Red and Blue only', ['blue', 'red'], 'red', { blue: 1, red: 1 }],
    ['order does not matter', ['red', 'amber', 'blue'], 'red', { red: 1, amber: 1, blue: 1 }],
  ])('%s', (_case, colours, colour, counts) => {
    expect(rollUp(colours)).toEqual({ colour, counts: { ...none, ...counts }, total: colours.length });
  });

  it('reports every colour in the counts, even at zero', () => {
    expect(Object.keys(rollUp(['red']).counts).sort()).toEqual(['amber', 'blue', 'green', 'grey', 'red']);
  });
});

describe('worstColour and RAG_WORST_FIRST', () => {
  it('orders worst first, with Blue last because it wins only when everything is Blue', () => {
    expect(RAG_WORST_FIRST).toEqual(['red', 'amber', 'green', 'grey', 'blue']);
  });

  it.each<[RagColour[], RagColour | null]>([
    [[], null],
    [['amber'], 'amber'],
    [['amber', 'red'], 'red'],
    [['green', 'grey'], 'green'],
    [['blue', 'grey'], 'grey'],
    [['blue'], 'blue'],
  ])('worst of %p is %p', (colours, expected) => {
    expect(worstColour(colours)).toBe(expected);
  });
});
