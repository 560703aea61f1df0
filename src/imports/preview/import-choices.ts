import type { ActionStatus } from '../../vocabulary/action-status';
import type { ImportField } from '../import-fields';

/** How a conflict is settled at commit: take the file's values, or keep the system's. */
export type ConflictResolution = 'file' | 'system';

/** What the user decided about one import (kept on the run; reused on every re-preview and at commit). */
export interface ImportChoices {
  sheetName?: string;
  headerRowNumber?: number;
  /** By column letter: the field it feeds, or null to leave it out. */
  columns?: Record<string, ImportField | null>;
  /** Status words added to or changed in the default table. */
  statusWords?: Record<string, ActionStatus>;
  /**
   * Owner text as written (trimmed, lower-cased) -> a user id, or null: left unassigned (a new action
   * is held by whoever commits until reassigned; an existing one keeps its owner). An owner that
   * matches nobody and is not in here blocks the commit.
   */
  ownerMatches?: Record<string, string | null>;
  /** Take the suggested date where a date cell holds words ("Summer 2026" -> 31 August 2026). */
  acceptSuggestedDates?: boolean;
  /** By action reference: how to settle a conflict (a row changed in the system since the last import). */
  resolutions?: Record<string, ConflictResolution>;
}

/** The key an owner's text is matched by in `ownerMatches`. */
export const ownerKey = (raw: string): string => raw.replace(/\s+/g, ' ').trim().toLowerCase();
