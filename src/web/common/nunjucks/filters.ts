import { formatLongDate, isCalendarDate, londonToday } from '../../../common/dates/calendar-date';
import { isRagColour, RAG_COLOUR_INFO, type RagColour } from '../../../vocabulary/rag-colour';

/**
 * The template filters every page shares. Pure functions, so each is tested in a table; the
 * Nunjucks set-up registers them under the names in WEB_FILTERS.
 */

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });

function toInstant(value: Date | string): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * GOV.UK style dates, "29 November 2026". A calendar date ('2026-11-29') is shown as that day; an
 * instant (a Date or an ISO timestamp) as the day it falls on in London. Empty for nothing.
 */
export function govukDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && isCalendarDate(value)) return formatLongDate(value);
  const instant = toInstant(value);
  return instant ? formatLongDate(londonToday(instant)) : String(value);
}

/** "29 November 2026 at 2:05pm" (London time), GOV.UK's style for a moment. */
export function govukDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = toInstant(value);
  if (!instant) return String(value);
  const parts = LONDON_TIME.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour'));
  const minute = part('minute');
  const time = minute === '00' && hour === 12 ? (part('dayPeriod').toLowerCase() === 'am' ? 'midnight' : 'midday') : `${hour}:${minute}${part('dayPeriod').toLowerCase()}`;
  return `${govukDate(instant)} at ${time}`;
}

/** "1 action", "3 actions", "0 actions"; `plural` for irregular words ("1 person", "2 people"). */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The word for a RAG colour ("Red"); colour is never the only signal. */
export function ragWord(colour: string): string {
  return isRagColour(colour) ? RAG_COLOUR_INFO[colour].label : String(colour);
}

/**
 * GOV.UK tag colour for each RAG colour. Amber is GOV.UK's orange tag (its yellow reads as a
 * warning highlight); every tag pairs a dark text with a tint, so contrast is AA.
 */
const RAG_TAG_CLASSES: Readonly<Record<RagColour, string>> = Object.freeze({
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  blue: 'govuk-tag--blue',
  grey: 'govuk-tag--grey',
});

export function ragTagClass(colour: string): string {
  return `app-rag-tag ${RAG_TAG_CLASSES[colour as RagColour] ?? 'govuk-tag--grey'}`;
}

export const WEB_FILTERS = {
  govukDate,
  govukDateTime,
  pluralise,
  ragWord,
  ragTagClass,
} as const;
