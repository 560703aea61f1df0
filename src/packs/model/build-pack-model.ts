import { PACK_MODEL_VERSION, type PackModel } from './pack-model';
import type { PackSource } from './pack-source';
import { compareStrings } from './pack-text';
import { boardSections } from './board-sections';
import { buildCharts, buildRagKey } from './pack-charts';
import { createContext, validateSource, type ModelParts } from './pack-context';
import { buildChanges, buildEvidenceSummary, buildExceptions, buildOverdueMilestones, buildUpcomingMilestones, trackerRow } from './pack-exceptions';
import { buildMeta, buildScrutinyParts } from './pack-meta';
import { frontMatter } from './pack-outline';
import { buildHeadline, buildInspectionRollUps, buildNoticeRollUps, buildWorkstreamRollUps, countColours } from './pack-roll-ups';
import { scrutinySections } from './scrutiny-sections';
import { buildBoardParts } from './board-questions';

// The model is built in parts, one file each: the context (the source validated and cross-linked),
// roll-ups, exceptions and changes, charts, meta and the scrutiny parts; then the outline of the
// document, board or scrutiny (board-sections.ts, scrutiny-sections.ts).

/**
 * Builds the progress pack model from its source. Pure and deterministic: no clock, no I/O, every
 * list sorted with a total order, so the same source (in any array order) gives a deep-equal model.
 * Scrutiny models hold no owner names: roles and agencies only, and known names in free text are
 * replaced by the person's role.
 */
export function buildPackModel(source: PackSource): PackModel {
  validateSource(source);
  const ctx = createContext(source);

  const nowCounts = countColours(ctx.actions.map((a) => a.source.colour));
  const overdueMilestones = buildOverdueMilestones(ctx);
  const upcomingMilestones = buildUpcomingMilestones(ctx);
  const headline = buildHeadline(ctx, nowCounts, overdueMilestones.length);
  const workstreams = buildWorkstreamRollUps(ctx);
  const notices = buildNoticeRollUps(ctx);
  const inspections = buildInspectionRollUps(ctx);
  const exceptions = buildExceptions(ctx);
  const evidence = buildEvidenceSummary(ctx);
  const changes = buildChanges(ctx);
  const tracker = ctx.actions.map((action) => trackerRow(ctx, action));
  const charts = buildCharts(ctx, nowCounts);
  const ragKey = buildRagKey();
  const meta = buildMeta(ctx);
  const scrutiny = ctx.scrutiny
    ? buildScrutinyParts(ctx, { headline, exceptions, upcomingMilestones, overdueMilestones, changes, inspections, notices })
    : null;
  const board = ctx.scrutiny ? null : buildBoardParts(ctx);

  const parts: ModelParts = {
    meta,
    headline,
    workstreams,
    notices,
    inspections,
    exceptions,
    overdueMilestones,
    upcomingMilestones,
    evidence,
    changes,
    tracker,
    scrutiny,
    board,
    charts,
    ragKey,
  };
  const sections = ctx.scrutiny ? scrutinySections(ctx, parts) : boardSections(ctx, parts);

  return {
    modelVersion: PACK_MODEL_VERSION,
    audience: source.audience,
    ...parts,
    frontMatter: frontMatter(ctx, meta, scrutiny),
    sections,
    dataWarnings: [...ctx.warnings].sort(compareStrings),
  };
}
