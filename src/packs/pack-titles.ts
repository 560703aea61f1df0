import { PACK_AUDIENCE_INFO, type PackAudience } from '../vocabulary/pack-audience';

/**
 * The plan has no title of its own in the schema (one organisation runs one improvement plan), so
 * packs call it after the organisation. The default pack title is the model's own default wording,
 * fixed when the pack is requested so the list shows the title the documents will carry.
 */
export function planTitleFor(organisationName: string): string {
  return `${organisationName} improvement plan`;
}

export function defaultPackTitle(organisationName: string, audience: PackAudience): string {
  return `${planTitleFor(organisationName)}: ${PACK_AUDIENCE_INFO[audience].reportName}`.slice(0, 300);
}
