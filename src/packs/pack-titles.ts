import { PACK_AUDIENCE_INFO, type PackAudience } from '../vocabulary/pack-audience';

/**
 * Packs are called after the plan they report on ("Adult social care improvement plan: ..."). The
 * default title is fixed when the pack is requested so the list shows the title the documents carry.
 */
export function defaultPackTitle(planTitle: string, audience: PackAudience): string {
  return `${planTitle}: ${PACK_AUDIENCE_INFO[audience].reportName}`.slice(0, 300);
}
