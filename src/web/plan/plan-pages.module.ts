import { Module } from '@nestjs/common';

/**
 * Web pages: The plan: inspections and notices, their findings, the actions answering each; the actions list (filters, sort, search) and "My actions".
 * Controllers use `@WebController()`; templates live in `views/plan/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class PlanPagesModule {}
