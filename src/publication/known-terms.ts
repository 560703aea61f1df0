/**
 * Words that are capitalised in council papers without being anyone's name: regulators and
 * partner bodies, acronyms written in mixed case, the places of the seed articles and their
 * neighbours, product names, and calendar words. The suspect finder never lists them and the
 * title rule never treats them as a name ("Cllr Ofsted" is not a person). An organisation adds its
 * own (its partners, its towns) through the `knownTerms` option; multi-word terms count as a whole
 * ("St Helens", "Making Safeguarding Personal").
 */

export const DEFAULT_KNOWN_TERMS: readonly string[] = [
  // Regulators, government and partner bodies.
  'Ofsted',
  'HMICFRS',
  'Healthwatch',
  'Cafcass',
  'Barnardo',
  'Barnardos',
  'NSPCC',
  'Sue Ryder',
  'Age UK',
  'Mencap',
  'Turning Point',
  'Whitehall',
  'Westminster',
  'Constabulary',
  // Programmes, frameworks and legislation names.
  'Making Safeguarding Personal',
  'Signs of Safety',
  'Working Together',
  'Prevent',
  'Covid',
  // National data returns ("Client Level Dataset" is written with a capital in every council paper).
  'Dataset',
  // Systems councils use.
  'Liquidlogic',
  'LiquidLogic',
  'Mosaic',
  'ContrOCC',
  'SharePoint',
  'Teams',
  'Microsoft',
  'Excel',
  'PowerPoint',
  'Outlook',
  'Power BI',
  // Places: the seed articles' councils and partnerships, and their neighbours.
  'Warrington',
  'Wigan',
  'Wirral',
  'Merseyside',
  'Cheshire',
  'St Helens',
  'Halton',
  'Knowsley',
  'Sefton',
  'Liverpool',
  'Manchester',
  'Greater Manchester',
  'Tameside',
  'Bolton',
  'Salford',
  'Trafford',
  'Stockport',
  'Lancashire',
  'England',
  'Wales',
  'Britain',
  'UK',
  // Calendar words.
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
  'Sundays',
  'Easter',
  'Christmas',
  'Whitsun',
];

/**
 * Capitalised words that a council paper uses as words in the middle of a sentence (months and
 * days, RAG colours, Ofsted and CQC judgement words). A known user with such a name ("May
 * Fielding", a surname "Green") has it replaced on its own only where the context makes it a name
 * (next to their other name, after a title, or followed by a reporting verb: "May to circulate").
 */
export const CALENDAR_AND_RATING_WORDS: ReadonlySet<string> = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'easter',
  'christmas',
  'red',
  'amber',
  'green',
  'blue',
  'grey',
  'gray',
  'black',
  'white',
  'good',
  'outstanding',
  'inadequate',
]);

export interface KnownTermIndex {
  /** Whether the words from `index` on start a known term; returns how many words it spans (0 if none). */
  spanAt(words: readonly string[], index: number): number;
}

/** Indexes terms by their first word, case-insensitively, longest first. */
export function knownTermIndex(terms: readonly string[]): KnownTermIndex {
  const byFirst = new Map<string, string[][]>();
  for (const term of terms) {
    const words = term
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/’/g, "'").toLowerCase());
    if (words.length === 0) continue;
    const list = byFirst.get(words[0]) ?? [];
    list.push(words);
    byFirst.set(words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return {
    spanAt(words, index) {
      const candidates = byFirst.get(words[index]);
      if (!candidates) return 0;
      for (const candidate of candidates) {
        if (candidate.every((w, k) => words[index + k] === w)) return candidate.length;
      }
      return 0;
    },
  };
}
