import type { CalendarDate } from '../../common/dates/calendar-date';
import { readDateText, type DateContext, type DateReading } from './uk-date';

/**
 * A milestones cell lists several steps with their dates, one per line or separated by
 * semicolons or bullets: "Audit complete - 30/04/2026; Report to board - 31/05/2026".
 * Each item keeps its text; the date is read with the same rules as a due date (day first), from
 * the end of the item or its start. An item with no readable date keeps the reading that says why
 * (a suggestion, or none) so the row can warn about it.
 */
export interface ParsedMilestone {
  raw: string;
  title: string;
  dueDate: CalendarDate | null;
  /** When the date was not a date: the suggestion and the rule in words (see readDateText). */
  dueDateReading: DateReading;
  /** The words the date was read from ('30/04/2026', 'Mar-26'), when the item has any. */
  dateText: string | null;
  /** A done mark was written with it: "(done)", "(complete)", "[x]", a tick. */
  completed: boolean;
}

const ITEM_SEPARATOR = /\s*(?:\r?\n|;|\u2022|\u00b7|\u25aa|\u25cf)\s*/;
const LIST_MARKER = /^(?:[-*\u2013]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)/i;
const DONE_MARK = /\s*(?:\((?:done|complete|completed|achieved)\)|\[(?:x|done)\]|[\u2713\u2714\u2705])\s*/i;
const JOINER = /^(?:[-\u2013\u2014:,]|by|due|due by|target|deadline|on|before)\s+|\s*[:,(]$|\s+(?:[-\u2013\u2014]|by|due|due by|target|deadline|on|before)$/i;
const DATE_AT_END = /(?:\s+|^)(?:\(?)((?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})|(?:\d{4}-\d{1,2}-\d{1,2})|(?:\d{1,2}(?:st|nd|rd|th)?[\s-]+[A-Za-z]{3,9}[\s,-]+\d{2,4})|(?:(?:end of |mid |early |late )?[A-Za-z]{3,9}[\s-]+\d{2,4})|(?:q[1-4]\s+\d{4}(?:\/\d{2,4})?)|(?:(?:spring|summer|autumn|winter)\s+\d{4}))\)?$/i;
const DATE_AT_START = /^((?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})|(?:\d{4}-\d{1,2}-\d{1,2})|(?:\d{1,2}(?:st|nd|rd|th)?[\s-]+[A-Za-z]{3,9}[\s,-]+\d{2,4}))\s*[-\u2013\u2014:]?\s+/i;

export function parseMilestones(text: string, context: DateContext = {}): ParsedMilestone[] {
  return text
    .split(ITEM_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !/^[-*\u2013]+$/.test(item))
    .map((item) => parseItem(item, context));
}

function parseItem(raw: string, context: DateContext): ParsedMilestone {
  let text = raw.replace(LIST_MARKER, '');
  const completed = DONE_MARK.test(text);
  text = text.replace(DONE_MARK, ' ').trim();

  let dateText: string | null = null;
  const atEnd = DATE_AT_END.exec(text);
  if (atEnd && readDateText(atEnd[1], context).kind !== 'not_a_date') {
    dateText = atEnd[1];
    text = text.slice(0, atEnd.index).trim();
  } else {
    const atStart = DATE_AT_START.exec(text);
    if (atStart) {
      dateText = atStart[1];
      text = text.slice(atStart[0].length).trim();
    }
  }
  let previous: string;
  do {
    previous = text;
    text = text.replace(JOINER, '').trim();
  } while (text !== previous);
  text = text.replace(/\s*\($/, '').trim();

  const reading: DateReading = dateText === null ? { kind: 'empty' } : readDateText(dateText, context);
  return {
    raw,
    title: text === '' ? raw : text,
    dueDate: reading.kind === 'date' ? reading.date : null,
    dueDateReading: reading,
    dateText,
    completed,
  };
}
