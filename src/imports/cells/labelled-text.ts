/**
 * Findings and workstreams are often written with their label in front: "AFI 3: Safeguarding
 * enquiries are not always timely", "Priority 1: Practice", "Key outcome 2 - Empowered
 * professionals", "1.2 Oversight of the online form". The label (at most 20 characters, ending in a
 * number) is split off so the plan can match on it; the whole text is kept too.
 */
export interface LabelledText {
  text: string;
  code: string | null;
  title: string;
}

const LABELLED = /^((?:[A-Za-z]+\s+){0,2}[A-Za-z]*\s?\d+(?:\.\d+)*[a-z]?)\s*(?:[:)\u2013\u2014]|\.(?!\d)|\s-)\s*(\S[\s\S]*)$/;
const NUMBERED = /^(\d+(?:\.\d+)+[a-z]?)\s+(\S[\s\S]*)$/;

export function splitLabel(input: string): LabelledText {
  const text = input.trim();
  const match = NUMBERED.exec(text) ?? LABELLED.exec(text);
  if (match && match[1].length <= 20) return { text, code: match[1].trim(), title: match[2].trim() };
  return { text, code: null, title: text };
}
