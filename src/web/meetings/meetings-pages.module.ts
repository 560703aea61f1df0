import { Module } from '@nestjs/common';
import { MeetingsModule } from '../../meetings/meetings.module';
import { PlansModule } from '../../plans/plans.module';
import { MeetingPagesController } from './meetings-pages.controller';

/**
 * Web pages: Committees and meetings of a plan.
 * Controllers use `@WebController()`; templates live in `views/meetings/`.
 */
@Module({
  imports: [MeetingsModule, PlansModule],
  controllers: [MeetingPagesController],
  providers: [],
})
export class MeetingPagesModule {}
