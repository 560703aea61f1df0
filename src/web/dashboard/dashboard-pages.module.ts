import { Module } from '@nestjs/common';

/**
 * Web pages: The plan dashboard: colour counts, trend with its data table, exceptions, overdue milestones, evidence waiting, next meetings.
 * Controllers use `@WebController()`; templates live in `views/dashboard/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class DashboardPagesModule {}
