import { Module } from '@nestjs/common';
import { InspectionsModule } from '../../inspections/inspections.module';
import { NoticesModule } from '../../notices/notices.module';
import { PlansModule } from '../../plans/plans.module';
import { AddNoticePageController } from './add-notice-page.controller';
import { ChangeNoticePageController } from './change-notice-page.controller';
import { DeleteNoticePageController } from './delete-notice-page.controller';
import { NoticeStatusPageController } from './notice-status-page.controller';

/**
 * Web pages: a plan's notices, as the plan's board records them: adding one
 * (`/plans/:planId/notices/new`), changing it (`/notices/:noticeId/edit`), changing its status
 * (`/notices/:noticeId/status`) and deleting it (`/notices/:noticeId/delete`).
 * Controllers use `@WebController()`; templates live in `views/notices/` (the delete page shares
 * `views/plan/delete-row.njk` with the workstreams').
 */
@Module({
  imports: [PlansModule, InspectionsModule, NoticesModule],
  controllers: [AddNoticePageController, ChangeNoticePageController, NoticeStatusPageController, DeleteNoticePageController],
  providers: [],
})
export class NoticePagesModule {}
