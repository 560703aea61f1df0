import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { RagModule } from '../../rag/rag.module';
import { ReportWordingModule } from '../../report-wording/report-wording.module';
import { UsersModule } from '../../users/users.module';
import { AdminUsersController } from './admin-users.controller';
import { PlanSettingsController } from './plan-settings.controller';
import { ReportWordingController } from './report-wording.controller';

/**
 * Web pages: Administration: users, plan settings (RAG policy and its history), report wording.
 * Controllers use `@WebController()`; templates live in `views/admin/`.
 */
@Module({
  imports: [UsersModule, PlansModule, RagModule, ReportWordingModule],
  controllers: [AdminUsersController, PlanSettingsController, ReportWordingController],
  providers: [],
})
export class AdminPagesModule {}
