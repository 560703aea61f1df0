import { Module } from '@nestjs/common';

/**
 * Web pages: Committees and meetings of a plan.
 * Controllers use `@WebController()`; templates live in `views/meetings/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class MeetingPagesModule {}
