import type { RedactionKind } from '../../publication/redact-names';
import type { SuspectReason } from '../../publication/find-suspects';

/**
 * The publication check of a scrutiny pack: every replacement the redactor made and every suspect
 * left for a person to look at, each with the free-text field and the action it came from. Stored
 * with the pack when it is generated (pack.publication_check) and shown before publishing
 * (GET /packs/:id/publication-check). It holds the removed names, so only the people who may
 * publish see it: never scrutiny members.
 */
export interface PublicationCheck {
  /** How many free-text fields were screened. */
  fieldsChecked: number;
  replacements: PublicationReplacement[];
  suspects: PublicationSuspect[];
}

/** Where a piece of free text sits in the pack. */
export interface PublicationFieldRef {
  /** In words: 'action title', 'latest update', 'milestone title', 'evidence title', 'RAG reason'... */
  field: string;
  /** The action's reference (e.g. 'A1.2'); null for text that belongs to no action (a finding, a workstream). */
  actionReference: string | null;
  /** The reference of the record itself where it has one that is not the action's (a finding's 'QS6.1'). */
  reference?: string | null;
}

export interface PublicationReplacement extends PublicationFieldRef {
  kind: RedactionKind;
  /** The text removed, as written. */
  before: string;
  /** What the pack prints instead ("the Head of Safeguarding", "[name removed]"). */
  after: string;
  reason: string;
}

export interface PublicationSuspect extends PublicationFieldRef {
  word: string;
  reason: SuspectReason;
  explanation: string;
  /** A few words either side, as printed (after redaction). */
  context: string;
}

export function emptyPublicationCheck(): PublicationCheck {
  return { fieldsChecked: 0, replacements: [], suspects: [] };
}
