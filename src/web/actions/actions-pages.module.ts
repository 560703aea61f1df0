import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { EvidenceModule } from '../../evidence/evidence.module';
import { FindingsModule } from '../../findings/findings.module';
import { ImportsModule } from '../../imports/imports.module';
import { PlansModule } from '../../plans/plans.module';
import { RagModule } from '../../rag/rag.module';
import { WorkstreamsModule } from '../../workstreams/workstreams.module';
import { ActionPageController } from './action-page.controller';
import { AddActionPageController } from './add-action-page.controller';

/**
 * Web pages: One action: details, findings answered, milestones, progress updates, evidence, colour with reasons, override, RAG history;
 * adding an action to a plan (`/plans/:planId/actions/new`) and a milestone to an action.
 * Controllers use `@WebController()`; templates live in `views/actions/`.
 */
@Module({
  imports: [ActionsModule, EvidenceModule, RagModule, PlansModule, FindingsModule, WorkstreamsModule, ImportsModule],
  controllers: [ActionPageController, AddActionPageController],
  providers: [],
})
export class ActionPagesModule {}
