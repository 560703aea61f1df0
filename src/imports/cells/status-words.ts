// Type only: the entity module (TypeORM decorators) is not loaded by this pure code.
import { ACTION_STATUS_INFO, ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';
import { normaliseWords } from './normalise-words';

/**
 * The words councils put in a Status column, and the action status each means. Lateness words
 * (delayed, off track, at risk, overdue) are "in progress": whether an action is late is what its
 * RAG shows, worked out from its dates, so the word adds nothing the plan does not already know.
 * Keys are compared after normaliseWords (case, punctuation and '&' do not matter).
 * A caller passes its own table to add words or change any of these.
 */
export const DEFAULT_STATUS_WORDS: Readonly<Record<string, ActionStatus>> = Object.freeze({
  // not_started
  'not started': 'not_started',
  'not yet started': 'not_started',
  'yet to start': 'not_started',
  'yet to begin': 'not_started',
  'not commenced': 'not_started',
  'not yet commenced': 'not_started',
  'not begun': 'not_started',
  'planned': 'not_started',
  'scheduled': 'not_started',
  'pending': 'not_started',
  'not due': 'not_started',
  'not yet due': 'not_started',
  'not due yet': 'not_started',
  'future': 'not_started',
  'new': 'not_started',
  // in_progress
  'in progress': 'in_progress',
  'on track': 'in_progress',
  'on target': 'in_progress',
  'on schedule': 'in_progress',
  'ongoing': 'in_progress',
  'on going': 'in_progress',
  'started': 'in_progress',
  'underway': 'in_progress',
  'under way': 'in_progress',
  'progressing': 'in_progress',
  'in hand': 'in_progress',
  'active': 'in_progress',
  'work in progress': 'in_progress',
  'wip': 'in_progress',
  'being implemented': 'in_progress',
  'partially complete': 'in_progress',
  'partially completed': 'in_progress',
  'partly complete': 'in_progress',
  'part complete': 'in_progress',
  'partially met': 'in_progress',
  'partially achieved': 'in_progress',
  'delayed': 'in_progress',
  'behind': 'in_progress',
  'behind schedule': 'in_progress',
  'off track': 'in_progress',
  'at risk': 'in_progress',
  'slipped': 'in_progress',
  'slipping': 'in_progress',
  'overdue': 'in_progress',
  'some progress': 'in_progress',
  // blocked
  'blocked': 'blocked',
  'on hold': 'blocked',
  'paused': 'blocked',
  'stalled': 'blocked',
  'stuck': 'blocked',
  'suspended': 'blocked',
  'halted': 'blocked',
  'not progressing': 'blocked',
  // complete
  'complete': 'complete',
  'completed': 'complete',
  'done': 'complete',
  'closed': 'complete',
  'finished': 'complete',
  'achieved': 'complete',
  'met': 'complete',
  'fully met': 'complete',
  'delivered': 'complete',
  'implemented': 'complete',
  'fully implemented': 'complete',
  'actioned': 'complete',
  'signed off': 'complete',
  'complete awaiting evidence': 'complete',
  'completed awaiting evidence': 'complete',
  'complete awaiting sign off': 'complete',
  'completed awaiting sign off': 'complete',
  // embedded
  'embedded': 'embedded',
  'complete embedded': 'embedded',
  'completed embedded': 'embedded',
  'complete and embedded': 'embedded',
  'completed and embedded': 'embedded',
  'embedded in practice': 'embedded',
  'embedded into practice': 'embedded',
  'completed embedded in practice': 'embedded',
  'business as usual': 'embedded',
  'bau': 'embedded',
  'sustained': 'embedded',
  'mainstreamed': 'embedded',
});

/** RAG words found in a Status column: not a status (RAG is computed), so a clearer error is given. */
const RAG_WORDS = new Set(['red', 'amber', 'green', 'blue', 'grey', 'gray', 'r', 'a', 'g', 'b', 'rag', 'red amber', 'amber green', 'amber red', 'green amber']);

export type StatusReading =
  | { kind: 'empty' }
  | { kind: 'status'; status: ActionStatus; matched: 'exact' | 'leading_words'; word: string }
  | { kind: 'rag_word' }
  | { kind: 'unknown' };

/**
 * Reads a status cell with the default table overlaid by the caller's. An exact match (after
 * normalising) is taken as it is. Otherwise, when the text has a note after a separator
 * ("Complete - awaiting board sign-off", "On track (60%)", "In progress/delayed"), the words before
 * the separator are looked up, and the caller reports that the status was read from them. Leading
 * words without a separator are not guessed at ("New approach agreed" is unknown, not "new").
 */
export function readStatus(text: string, table: Readonly<Record<string, ActionStatus>> = DEFAULT_STATUS_WORDS): StatusReading {
  const words = normaliseWords(text);
  if (words === '') return { kind: 'empty' };
  const exact = table[words];
  if (exact) return { kind: 'status', status: exact, matched: 'exact', word: words };
  const leading = normaliseWords(text.trim().split(STATUS_NOTE_SEPARATOR)[0] ?? '');
  const fromLeading = leading !== '' && leading !== words ? table[leading] : undefined;
  if (fromLeading) return { kind: 'status', status: fromLeading, matched: 'leading_words', word: leading };
  if (RAG_WORDS.has(words) || RAG_WORDS.has(leading)) return { kind: 'rag_word' };
  return { kind: 'unknown' };
}

/** What separates a status from a note after it: a spaced dash, a colon, a bracket, a comma, a semicolon, a slash, a new line. */
const STATUS_NOTE_SEPARATOR = /\s[-–—]\s?|[–—:(,;/\n[]/;

/**
 * The table used for an import: the defaults, then the caller's words on top (normalised; a
 * status not in ACTION_STATUSES is refused by the caller's validation before this is called).
 */
export function statusTable(overrides?: Readonly<Record<string, ActionStatus>>): Record<string, ActionStatus> {
  const table: Record<string, ActionStatus> = { ...DEFAULT_STATUS_WORDS };
  for (const [word, status] of Object.entries(overrides ?? {})) {
    const key = normaliseWords(word);
    if (key !== '' && Object.prototype.hasOwnProperty.call(STATUS_LABELS, status)) table[key] = status;
  }
  return table;
}

/** Every action status with the words users see, from the vocabulary. */
export const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = Object.freeze(
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, ACTION_STATUS_INFO[s].label])) as Record<ActionStatus, string>,
);
