/**
 * An owner cell as people fill it in: "Priya Natarajan", "priya.natarajan@council.gov.uk",
 * "Priya Natarajan (Head of Safeguarding)", "Head of Safeguarding - Priya Natarajan",
 * "DCI Tom Hale, Cheshire Police", "Head of Service / Principal Social Worker", "Ann Lee & Tom Hale".
 * The raw text is always kept; the name, email and role are what could be read from it. Matching
 * to users happens later (email first, then the exact name).
 */
export interface ParsedOwner {
  raw: string;
  name: string | null;
  email: string | null;
  role: string | null;
  /** Further people or roles named after the first (who is taken as the owner). */
  others: string[];
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

/** Words that mark a job title, team or organisation rather than a person's name. */
const ROLE_WORDS = new Set(
  (
    'head director assistant deputy manager managers lead leads officer officers principal worker workers social chair chief ' +
    'executive service services team teams coordinator co ordinator practitioner adviser advisor consultant partnership board ' +
    'superintendent inspector sergeant detective commissioner commissioning designated nurse doctor safeguarding quality ' +
    'business intelligence programme project transformation strategic operations operational senior adult adults children childrens ' +
    'care practice workforce development police constabulary nhs icb council trust hospital cabinet member portfolio holder group ' +
    'governance performance assurance improvement unit department directorate mash front door hub commissioner legal learning ' +
    'training policy health education school schools partners all corporate finance hr it data insight analyst analytics'
  ).split(' '),
);

/** An owner cell that names nobody yet. */
const NOBODY_YET = /^(?:(?:named |lead |owner |officer )*(?:tbc|tba|tbd|to be (?:confirmed|agreed|appointed)|vacant|vacancy|unassigned|not yet assigned|n\/?a|none))$/i;

export function parseOwner(text: string): ParsedOwner | null {
  const raw = text.trim().replace(/\s+/g, ' ');
  if (raw === '') return null;
  if (NOBODY_YET.test(raw.replace(/[()]/g, '').trim())) return { raw, name: null, email: null, role: null, others: [] };
  const parts = splitPeople(raw);
  const first = readPerson(parts[0]);
  return { raw, name: first.name, email: first.email, role: first.role, others: parts.slice(1) };
}

/** Splits on ; / & + new lines, and on " and " only between two things that both look like names. */
function splitPeople(raw: string): string[] {
  const pieces = raw
    .split(/\s*(?:;|\/|\n|&|\+)\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const piece of pieces) {
    const halves = piece.split(/\s+and\s+/i);
    if (halves.length > 1 && halves.every((h) => looksLikeName(h) || EMAIL.test(h))) out.push(...halves.map((h) => h.trim()));
    else out.push(piece);
  }
  return out.length > 0 ? out : [raw];
}

function readPerson(text: string): { name: string | null; email: string | null; role: string | null } {
  const emailMatch = EMAIL.exec(text);
  const email = emailMatch ? emailMatch[0].toLowerCase() : null;
  let rest = emailMatch ? text.replace(emailMatch[0], ' ') : text;
  rest = rest.replace(/[<>]/g, ' ').replace(/\(\s*\)/g, ' ').replace(/\s+/g, ' ').trim();
  rest = rest.replace(/^[-,:\s]+|[-,:\s]+$/g, '');
  if (rest === '') return { name: null, email, role: null };

  // "Name (Role)" or "Role (Name)".
  const bracket = /^(.*?)\s*\(([^)]*)\)\s*(.*)$/.exec(rest);
  if (bracket) {
    const outside = `${bracket[1]} ${bracket[3]}`.trim();
    const inside = bracket[2].trim();
    return { email, ...assign(outside, inside) };
  }
  // "Name, Role", "Role - Name", "Name – Role".
  const split = /^(.*?)\s*(?:,|\s[-\u2013\u2014]\s|:)\s*(.*)$/.exec(rest);
  if (split && split[1] && split[2]) return { email, ...assign(split[1].trim(), split[2].trim()) };
  const untitled = withoutTitle(rest);
  if (untitled !== rest && looksLikeName(untitled)) return { name: untitled, email, role: null };
  if (looksLikeRole(rest)) return { name: null, email, role: rest };
  return { name: untitled, email, role: null };
}

/** Courtesy titles and police ranks are not part of the name a user account holds. */
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|professor|cllr|councillor|dci|dsu|supt|ch supt|insp|sgt|detective (?:chief )?(?:inspector|sergeant|superintendent|constable)|(?:chief )?(?:inspector|superintendent)|sergeant|constable)\.?\s+/i;

function withoutTitle(name: string): string {
  const stripped = name.replace(TITLE, '').trim();
  return stripped === '' ? name : stripped;
}

function assign(a: string, b: string): { name: string | null; role: string | null } {
  if (a === '') return looksLikeRole(b) ? { name: null, role: b } : { name: withoutTitle(b), role: null };
  if (b === '') return looksLikeRole(a) ? { name: null, role: a } : { name: withoutTitle(a), role: null };
  const aRole = roleShare(a);
  const bRole = roleShare(b);
  if (aRole === bRole) return { name: withoutTitle(a), role: b };
  return aRole < bRole ? { name: withoutTitle(a), role: b } : { name: withoutTitle(b), role: a };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

function roleShare(text: string): number {
  const list = words(text);
  if (list.length === 0) return 0;
  return list.filter((w) => ROLE_WORDS.has(w) || w === 'of' || w === 'for' || w === 'and' || w === 'the').length / list.length;
}

function looksLikeRole(text: string): boolean {
  return words(text).some((w) => ROLE_WORDS.has(w));
}

/** Two to four capitalised words with no role word: "Priya Natarajan", "Mary-Jane O'Neill", "J. Smith". */
function looksLikeName(text: string): boolean {
  const list = text.trim().split(/\s+/);
  if (list.length < 2 || list.length > 4) return false;
  return list.every((w) => /^[A-Z][A-Za-z'\u2019.-]*$/.test(w)) && !looksLikeRole(text);
}
