import { Module } from '@nestjs/common';

/**
 * Web pages: One action: details, findings answered, milestones, progress updates, evidence, colour with reasons, override, RAG history.
 * Controllers use `@WebController()`; templates live in `views/actions/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class ActionPagesModule {}
