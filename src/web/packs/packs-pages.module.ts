import { Module } from '@nestjs/common';
import { MeetingsModule } from '../../meetings/meetings.module';
import { PacksModule } from '../../packs/packs.module';
import { PlansModule } from '../../plans/plans.module';
import { PackPagesController } from './packs-pages.controller';
import { PlanPageContext } from './plan-page-context';

/**
 * Web pages: Packs (board): generate for a meeting or a date, progress, downloads, publication check, publish; published reports (scrutiny) as accessible HTML.
 * Controllers use `@WebController()`; templates live in `views/packs/`.
 */
@Module({
  imports: [PacksModule, MeetingsModule, PlansModule],
  controllers: [PackPagesController],
  providers: [PlanPageContext],
})
export class PackPagesModule {}
