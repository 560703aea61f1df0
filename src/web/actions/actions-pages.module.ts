import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { EvidenceModule } from '../../evidence/evidence.module';
import { PlansModule } from '../../plans/plans.module';
import { RagModule } from '../../rag/rag.module';
import { ActionPageController } from './action-page.controller';

/**
 * Web pages: One action: details, findings answered, milestones, progress updates, evidence, colour with reasons, override, RAG history.
 * Controllers use `@WebController()`; templates live in `views/actions/`.
 */
@Module({
  imports: [ActionsModule, EvidenceModule, RagModule, PlansModule],
  controllers: [ActionPageController],
  providers: [],
})
export class ActionPagesModule {}
