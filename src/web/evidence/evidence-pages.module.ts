import { Module } from '@nestjs/common';
import { EvidenceModule } from '../../evidence/evidence.module';
import { PlansModule } from '../../plans/plans.module';
import { PlanPageContext } from '../packs/plan-page-context';
import { EvidenceReviewController } from './evidence-review.controller';

/**
 * Web pages: Evidence to review (board): the queue, accept, reject with a comment.
 * Controllers use `@WebController()`; templates live in `views/evidence/`.
 */
@Module({
  imports: [EvidenceModule, PlansModule],
  controllers: [EvidenceReviewController],
  providers: [PlanPageContext],
})
export class EvidencePagesModule {}
