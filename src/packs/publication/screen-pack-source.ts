import { createSuspectFinder, type PersonTagger, type SuspectFinder } from '../../publication/find-suspects';
import { createRedactor, type KnownPerson, type RedactionResult, type Redactor } from '../../publication/redact-names';
import type { PackSource } from '../model/pack-source';
import type { PublicationCheck, PublicationFieldRef } from './publication-check';

/**
 * Safe publication of a scrutiny pack, applied to its source before the model is built: every
 * free-text field that can reach a scrutiny pack goes through the redactor (names, titles with a
 * name, e-mails, phones, NHS numbers, postcodes -> the person's role or a placeholder), then the
 * suspect finder; both are recorded with the field and the action in the publication check.
 *
 * A new free-text field in PackSource must be screened here (screen-pack-source.spec.ts lists the
 * fields it expects to see screened).
 */
export interface ScreenOptions {
  /** The organisation's own capitalised terms (its name, partner agencies): never a name after a title. */
  knownTerms?: readonly string[];
  /** For tests: the suspect finder's person tagger (defaults to compromise). */
  personTagger?: PersonTagger | null;
}

export interface ScreenedSource {
  source: PackSource;
  check: PublicationCheck;
}

export type FieldScreen = (ref: PublicationFieldRef, text: string) => string;

/** A screen over many fields, recording as it goes; identical texts are redacted and checked once. */
export function createFieldScreen(people: readonly KnownPerson[], options: ScreenOptions = {}): { screen: FieldScreen; check: PublicationCheck } {
  const redact: Redactor = createRedactor(people, { knownTerms: options.knownTerms });
  const findSuspects: SuspectFinder = createSuspectFinder({ knownPeople: people, knownTerms: options.knownTerms, personTagger: options.personTagger });
  const cache = new Map<string, { result: RedactionResult; suspects: ReturnType<SuspectFinder> }>();
  const check: PublicationCheck = { fieldsChecked: 0, replacements: [], suspects: [] };

  const screen: FieldScreen = (ref, text) => {
    check.fieldsChecked += 1;
    if (text.trim() === '') return text;
    let screened = cache.get(text);
    if (!screened) {
      const result = redact(text);
      screened = { result, suspects: findSuspects(result.text) };
      cache.set(text, screened);
    }
    const where: PublicationFieldRef = { field: ref.field, actionReference: ref.actionReference, ...(ref.reference ? { reference: ref.reference } : {}) };
    for (const r of screened.result.replacements) {
      check.replacements.push({ ...where, kind: r.kind, before: r.found, after: r.replacement, reason: r.reason });
    }
    for (const s of screened.suspects) {
      check.suspects.push({ ...where, word: s.word, reason: s.reason, explanation: s.explanation, context: s.context });
    }
    return screened.result.text;
  };
  return { screen, check };
}

/** The scrutiny pack's source with every free-text field screened, and the publication check. */
export function screenPackSource(source: PackSource, people: readonly KnownPerson[], options: ScreenOptions = {}): ScreenedSource {
  const { screen, check } = createFieldScreen(people, options);
  const referenceOf = new Map(source.actions.map((a) => [a.id, a.reference]));
  const onAction = (actionId: string, field: string): PublicationFieldRef => ({ field, actionReference: referenceOf.get(actionId) ?? null });
  const general = (field: string, reference: string | null = null): PublicationFieldRef => ({ field, actionReference: null, reference });

  const screened: PackSource = {
    ...source,
    ...(source.title !== undefined ? { title: screen(general('pack title'), source.title) } : {}),
    workstreams: source.workstreams.map((w) => ({ ...w, title: screen(general('workstream title'), w.title) })),
    inspections: source.inspections.map((i) => ({ ...i, title: screen(general('inspection title'), i.title) })),
    notices: source.notices.map((n) => ({
      ...n,
      title: screen(general('notice title'), n.title),
      ...(n.failings !== undefined ? { failings: screen(general('notice failings'), n.failings) } : {}),
      ...(n.requirements !== undefined ? { requirements: screen(general('notice requirements'), n.requirements) } : {}),
    })),
    findings: source.findings.map((f) => ({ ...f, title: screen(general('finding title', f.reference), f.title) })),
    actions: source.actions.map((a) => ({
      ...a,
      title: screen(onAction(a.id, 'action title'), a.title),
      reasons: a.reasons.map((r) => screen(onAction(a.id, 'RAG reason'), r)),
      latestUpdate: a.latestUpdate ? { ...a.latestUpdate, narrative: screen(onAction(a.id, 'latest update'), a.latestUpdate.narrative) } : null,
      // Scrutiny renderers name the override's setter by role only; the name is screened as well, so no path can print it.
      override: a.override
        ? {
            ...a.override,
            computedReasons: a.override.computedReasons.map((r) => screen(onAction(a.id, 'RAG reason (rules)'), r)),
            setByName: screen(onAction(a.id, 'override set by'), a.override.setByName),
          }
        : null,
    })),
    milestones: source.milestones.map((m) => ({ ...m, title: screen(onAction(m.actionId, 'milestone title'), m.title) })),
    // Scrutiny packs give evidence counts only: the reviewer's comment never reaches them.
    evidence: source.evidence.map((e) => ({ ...e, title: screen(onAction(e.actionId, 'evidence title'), e.title), reviewComment: null })),
    wording: source.wording ? screenWording(source.wording, (field, text) => screen(general(field), text)) : (source.wording ?? null),
  };
  return { source: screened, check };
}

/** The organisation's own report wording is free text too: screened like the rest. */
function screenWording(wording: NonNullable<PackSource['wording']>, screen: (field: string, text: string) => string): NonNullable<PackSource['wording']> {
  const out: NonNullable<PackSource['wording']> = { ...wording };
  const textFields = ['purpose', 'reasonsForRecommendations', 'financialImplications', 'legalImplications', 'equalityImplications', 'safeguardingImplications'] as const;
  for (const f of textFields) {
    const value = wording[f];
    if (typeof value === 'string') out[f] = screen(`report wording: ${f}`, value);
  }
  if (wording.recommendations) out.recommendations = wording.recommendations.map((r) => screen('report wording: recommendations', r));
  return out;
}

/** "Helen Marsh" -> given "Helen", surname "Marsh"; "Anna van der Berg" -> given "Anna", surname "van der Berg". */
export function splitFullName(name: string): { givenName: string; surname: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { givenName: words[0] ?? '', surname: '' };
  // Lower-case particles belong to the surname ("van der Berg", "de Souza").
  let surnameStart = words.length - 1;
  while (surnameStart > 1 && /^\p{Ll}/u.test(words[surnameStart - 1])) surnameStart -= 1;
  return { givenName: words.slice(0, surnameStart).join(' '), surname: words.slice(surnameStart).join(' ') };
}
